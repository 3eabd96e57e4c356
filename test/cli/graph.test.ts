import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { decodePng } from '../support/png.js';
import { useSimulator } from '../support/simulator.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function outFile(name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'graph-'));
  dirs.push(dir);
  return join(dir, name);
}

describe('threatcrowd-bot graph', () => {
  it('GIVEN a defanged domain and --out file.png THEN a PNG is written and its nodes are listed, defanged', async () => {
    const sim = await useSimulator();
    const out = await outFile('graph.png');
    const { code, stdout } = await runCli(['graph', 'aoldaily[.]com', '--out', out], { THREATCROWD_URL: sim.url });
    expect(code).toBe(0);
    const png = decodePng(await readFile(out));
    expect(stdout).toContain(`wrote ${out}: ${png.width}×${png.height}`);
    expect(stdout).toContain('william19770319[@]yahoo[.]com');
    expect(stdout).not.toContain('aoldaily.com');
    expect(sim.requests).toHaveLength(1);
  });

  it('GIVEN --depth 2 THEN no more upstream requests are made than the centre and GRAPH_MAX_LOOKUPS', async () => {
    const sim = await useSimulator();
    const out = await outFile('graph.svg');
    const { code, stdout } = await runCli(['graph', 'aoldaily.com', '--depth', '2', '--out', out, '--theme', 'light'], {
      THREATCROWD_URL: sim.url,
      GRAPH_MAX_LOOKUPS: '2',
    });
    expect(code).toBe(0);
    expect(sim.requests.length).toBeLessThanOrEqual(1 + 2);
    expect(stdout).toContain('Depth 2: 2 of 2 lookups used');
    expect(await readFile(out, 'utf8')).toMatch(/^<svg [^>]*>/);
  });

  it('GIVEN an antivirus family with --type antivirus THEN its samples are drawn', async () => {
    const sim = await useSimulator();
    const { code, stdout, stderr } = await runCli(['graph', 'plugx', '--type', 'antivirus'], { THREATCROWD_URL: sim.url });
    expect(code).toBe(0);
    expect(stdout).toContain('a sample of plugx');
    expect(stderr).toContain('--out');
  });

  it('GIVEN an output file that is neither .png nor .svg THEN one clear line, exit 1, nothing asked upstream', async () => {
    const sim = await useSimulator();
    const { code, stderr } = await runCli(['graph', 'aoldaily.com', '--out', 'graph.jpg'], { THREATCROWD_URL: sim.url });
    expect(code).toBe(1);
    expect(stderr).toContain('error: the output file must end in .png or .svg');
    expect(sim.requests).toHaveLength(0);
  });

  it('GIVEN a value ThreatCrowd does not know THEN it says there is nothing to draw', async () => {
    const sim = await useSimulator();
    const { code, stderr } = await runCli(['graph', '1.2.3.4'], { THREATCROWD_URL: sim.url });
    expect(code).toBe(1);
    expect(stderr).toContain('1.2.3[.]4 is not known to threatcrowd: nothing to draw');
  });
});
