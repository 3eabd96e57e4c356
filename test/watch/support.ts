/** Helpers for the watchlist tests: a recording outbound, answer swaps through the simulator's control route, waits. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Outbound, Place } from '../../src/core/outbound.js';
import type { Reply } from '../../src/core/reply.js';
import type { Simulator } from '../../src/simulator/server.js';
import { afterTest } from '../support/servers.js';
import type { TestBot } from '../support/test-bot.js';

/** How often watches are re-checked in these tests, and the settings that say so. */
export const INTERVAL_MS = 180;
export const FAST = { WATCH_INTERVAL_HOURS: String(INTERVAL_MS / 3_600_000) };

export interface Posted {
  readonly place: Place;
  readonly text: string;
}

/** An outbound for the console platform that records what the core posted. */
export function recordingOutbound(): Outbound & { readonly posted: Posted[] } {
  const posted: Posted[] = [];
  return {
    platform: 'console',
    posted,
    async post(place: Place, replies: readonly Reply[]) {
      for (const reply of replies) if (reply.kind === 'notice') posted.push({ place, text: reply.text });
    },
  };
}

/** The recorded ThreatCrowd answer for aoldaily.com, parsed. */
export function aoldailyAnswer(): Record<string, unknown> & { resolutions: Array<{ last_resolved: string; ip_address: string }> } {
  return JSON.parse(readFileSync(new URL('../../fixtures/threatcrowd/real/domain-aoldaily.com.json', import.meta.url), 'utf8'));
}

/** Swaps the simulator's answer through its control route (as the demo and an operator would). */
export async function swapAnswer(sim: Simulator, endpoint: string, value: string, answer: unknown): Promise<void> {
  const response = await fetch(`${sim.url}/__simulator/answers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ endpoint, value, answer }),
  });
  if (response.status !== 204) throw new Error(`answer swap refused: ${response.status} ${await response.text()}`);
}

/** aoldaily.com's answer with one more resolution, one hash and a malicious crowd verdict. */
export function changedAoldaily(): Record<string, unknown> {
  const answer = aoldailyAnswer();
  return {
    ...answer,
    resolutions: [{ last_resolved: '2026-11-30', ip_address: '45.77.12.34' }, ...answer.resolutions],
    hashes: ['ec8c89aa5e521572c74e2dd02a4daf78'],
    votes: -1,
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` holds (or fails after `ms`). */
export async function waitUntil(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await sleep(25);
  }
}

/** Waits one re-check interval, then runs the round that is due. */
export async function nextRound(t: TestBot): Promise<void> {
  await sleep(INTERVAL_MS + 40);
  await t.watching.scheduler.runDue();
}

/** A fresh folder, removed after the test (a store that a "restarted" bot opens again). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterTest(async () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
