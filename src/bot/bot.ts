/**
 * The platform-neutral core: `handle(invocation)` returns replies and never sends anything. Bots are ignored,
 * user errors reach the user verbatim, and any other error is logged and answered with a reference id.
 */
import { randomBytes } from 'node:crypto';
import { rememberSummary } from '../answers/summary-messages.js';
import { COMMAND_METADATA } from '../commands/registry.js';
import type { BotDeps, CommandContext } from '../core/context.js';
import type { Invocation } from '../core/invocation.js';
import type { Outbound } from '../core/outbound.js';
import { privateError, type Reply } from '../core/reply.js';
import { isUserError } from '../errors/user-error.js';
import type { LookupTarget } from '../lookup/resolve-target.js';
import { autoDetect } from './auto-detect.js';
import { dispatchCommand } from './dispatch-command.js';
import { handleMessageLookup } from './message-lookup.js';
import { handlePivot } from './pivot.js';
import { handleButton, handleReaction } from './reactions.js';

export class Bot {
  private readonly startedAt: number;

  constructor(readonly deps: BotDeps) {
    this.startedAt = deps.clock.now();
  }

  /** Handles one invocation; never throws. */
  async handle(invocation: Invocation): Promise<Reply[]> {
    if (invocation.fromBot) return [];
    const ctx: CommandContext = { invocation, deps: this.deps, commands: COMMAND_METADATA, startedAt: this.startedAt };
    try {
      switch (invocation.kind) {
        case 'command':
          return await dispatchCommand(ctx);
        case 'message':
          return await autoDetect(ctx);
        case 'reaction':
          return await handleReaction(ctx);
        case 'button':
          return await handleButton(ctx);
        case 'pivot':
          return await handlePivot(ctx);
        case 'message-lookup':
          return await handleMessageLookup(ctx);
      }
    } catch (error) {
      return [this.failure(error, invocation)];
    }
  }

  /** Adapters call this after posting a summary, so reactions and buttons on it become votes. */
  async summaryPosted(
    where: Pick<Invocation, 'platform' | 'teamId' | 'channelId'>,
    messageId: string,
    target: LookupTarget,
    via?: string,
  ): Promise<void> {
    await rememberSummary(this.deps.store, where, messageId, target, via);
  }

  /** An adapter registers how it posts into a place without an incoming event (watch notes); returns the unregister function. */
  registerOutbound(outbound: Outbound): () => void {
    return this.deps.outbound?.register(outbound) ?? (() => {});
  }

  private failure(error: unknown, invocation: Invocation): Reply {
    if (isUserError(error)) return privateError(error.message, { usage: error.usage });
    const reference = randomBytes(4).toString('hex');
    this.deps.logger.error({ err: error, reference, platform: invocation.platform, kind: invocation.kind }, 'handler failed');
    return privateError(`Something went wrong on my side (reference ${reference}).`, { reference });
  }
}
