/**
 * The house's layers import one way: no folder-level cycle under src/ and adapters/, and the core (src/bot,
 * src/commands and everything they reach) never touches a platform SDK, the runtime or the CLI.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

interface Imports {
  readonly local: string[];
  readonly packages: string[];
}

function importsOf(file: string): Imports {
  const info = ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true);
  const local: string[] = [];
  const packages: string[] = [];
  for (const { fileName } of info.importedFiles) {
    if (fileName.startsWith('.')) local.push(relative(ROOT, resolve(ROOT, dirname(file), fileName)).replace(/\.js$/, '.ts'));
    else packages.push(fileName);
  }
  return { local, packages };
}

/** `src/bot/bot.ts` → `src/bot`; `src/cli.ts` → `src`; `adapters/slack/x.ts` → `adapters/slack`. */
const folderOf = (file: string) => dirname(file).split('/').slice(0, 2).join('/');

const FILES = [...sourceFiles('src'), ...sourceFiles('adapters')];
const IMPORTS = new Map(FILES.map((f) => [f, importsOf(f)]));

/** Strongly connected components of more than one folder (Tarjan). */
function folderCycles(): string[][] {
  const edges = new Map<string, Set<string>>();
  for (const [file, { local }] of IMPORTS) {
    for (const target of local) {
      const [from, to] = [folderOf(file), folderOf(target)];
      if (from !== to) edges.set(from, (edges.get(from) ?? new Set()).add(to));
    }
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node) as number);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) visit(next);
      if (onStack.has(next)) low.set(node, Math.min(low.get(node) as number, low.get(next) ?? Number.POSITIVE_INFINITY));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

/** Every file reachable by imports from the files under `dirs`. */
function reachableFrom(dirs: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const queue = FILES.filter((f) => dirs.some((d) => f.startsWith(`${d}/`)));
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...(IMPORTS.get(file)?.local ?? []));
  }
  return seen;
}

describe('import layers', () => {
  it('reads the imports of every source file', () => {
    expect(FILES.length).toBeGreaterThan(50);
    expect(IMPORTS.get('src/bot/bot.ts')?.local.length).toBeGreaterThan(2);
  });

  it('has no folder-level import cycle under src/ and adapters/', () => {
    expect(folderCycles()).toEqual([]);
  });

  it('keeps the core free of platform SDKs, the runtime and the CLI', () => {
    const core = reachableFrom(['src/bot', 'src/commands']);
    expect(core.size).toBeGreaterThan(20);
    const leaks = [...core].filter((f) => /^(src\/runtime|src\/cli|adapters)\//.test(f) || f === 'src/cli.ts');
    const sdks = [...core].flatMap((f) =>
      (IMPORTS.get(f)?.packages ?? []).filter((p) => /^(@slack\/|discord\.js|@discordjs\/)/.test(p)).map((p) => `${f} → ${p}`),
    );
    expect(leaks).toEqual([]);
    expect(sdks).toEqual([]);
  });

  it('would notice a cycle if one were added', () => {
    const file = 'src/report/report.ts';
    const saved = IMPORTS.get(file);
    IMPORTS.set(file, { local: ['src/bot/bot.ts'], packages: [] });
    try {
      expect(folderCycles().length).toBeGreaterThan(0);
    } finally {
      if (saved) IMPORTS.set(file, saved);
    }
  });
});
