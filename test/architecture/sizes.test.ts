/**
 * Source files and functions stay small enough to read at once (issue #14): no file under src/ and adapters/
 * over 220 lines, no function over 60; a failure names every offender with its size.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const MAX_FILE_LINES = 220;
const MAX_FUNCTION_LINES = 60;

// No allow-list: the one candidate, the simulator's routing table (`serve` in src/simulator/routes.ts), fits.

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

const FILES = [...sourceFiles('src'), ...sourceFiles('adapters')].map((path) => ({ path, text: readFileSync(join(ROOT, path), 'utf8') }));

function lineCount(text: string): number {
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/** A function's name as a reader finds it: its own, or the variable, property or class member it is assigned to. */
function nameOf(node: ts.SignatureDeclaration, source: ts.SourceFile): string {
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  if (node.name) return node.name.getText(source);
  const parent = node.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.name)
    return parent.name.getText(source);
  return '(anonymous)';
}

/** `path:line name (N lines)` for every function, method, accessor or arrow with a body longer than `max` lines. */
function longFunctions(path: string, text: string, max: number): string[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = last - first + 1;
      if (lines > max) found.push(`${path}:${first + 1} ${nameOf(node, source)} (${lines} lines)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('source sizes', () => {
  it('GIVEN the source tree THEN it reads every file under src/ and adapters/', () => {
    expect(FILES.length).toBeGreaterThan(100);
    expect(FILES.some((f) => f.path === 'src/simulator/server.ts')).toBe(true);
  });

  it(`GIVEN the source tree THEN no file is over ${MAX_FILE_LINES} lines`, () => {
    const offenders = FILES.filter((f) => lineCount(f.text) > MAX_FILE_LINES).map((f) => `${f.path} (${lineCount(f.text)} lines)`);
    expect(offenders, `files over ${MAX_FILE_LINES} lines:\n${offenders.join('\n')}`).toEqual([]);
  });

  it(`GIVEN the source tree THEN no function is over ${MAX_FUNCTION_LINES} lines`, () => {
    const offenders = FILES.flatMap((f) => longFunctions(f.path, f.text, MAX_FUNCTION_LINES));
    expect(offenders, `functions over ${MAX_FUNCTION_LINES} lines:\n${offenders.join('\n')}`).toEqual([]);
  });

  it('GIVEN long functions of every kind THEN each is named with its size', () => {
    const body = (n: number) => Array.from({ length: n }, (_, i) => `  const v${i} = ${i};`).join('\n');
    const text = [
      `export function declared() {\n${body(3)}\n}`,
      `const arrow = () => {\n${body(3)}\n};`,
      `class Holder {\n  method() {\n${body(3)}\n  }\n}`,
      `const short = () => 1;`,
    ].join('\n');
    expect(longFunctions('x.ts', text, 4)).toEqual(['x.ts:1 declared (5 lines)', 'x.ts:6 arrow (5 lines)', 'x.ts:12 method (5 lines)']);
  });
});
