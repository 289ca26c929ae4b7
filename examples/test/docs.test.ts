// The guides in docs/ quote their code from files that are compiled and tested: every ```ts
// block comes from the .ts file linked last before it, and appears in that file verbatim (a
// block quoted from inside a function may drop the function's indentation).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const docs = resolve(dirname(fileURLToPath(import.meta.url)), '../../docs');
const GUIDES = [
  'getting-started.md',
  'ingredients.md',
  'autodiff.md',
  'reproducing-lecun-1998.md',
  'gpujs-kernels.md',
];

interface Block {
  readonly line: number;
  readonly source: string | undefined;
  readonly code: string[];
}

/** The ```ts blocks of a guide, each with the .ts file linked last before it. */
function tsBlocks(text: string): Block[] {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  let source: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.startsWith('```')) {
      const end = lines.indexOf('```', i + 1);
      if (lines[i] === '```ts') blocks.push({ line: i + 1, source, code: lines.slice(i + 1, end) });
      i = end;
      continue;
    }
    const links = [...lines[i]!.matchAll(/\]\(([^)\s]+\.ts)(?:#[^)]*)?\)/g)];
    source = links.at(-1)?.[1] ?? source;
  }
  return blocks;
}

/** Whether `code` occurs in `file` as consecutive lines, up to one common extra indentation. */
function quotes(file: string, code: readonly string[]): boolean {
  const lines = file.split('\n');
  for (let i = 0; i + code.length <= lines.length; i++) {
    const first = lines[i]!;
    if (!first.endsWith(code[0]!) || first.trim() === '') continue;
    const indent = first.slice(0, first.length - code[0]!.length);
    if (indent.trim() !== '') continue;
    if (code.every((c, j) => lines[i + j] === (c === '' ? '' : indent + c))) return true;
  }
  return false;
}

describe.each(GUIDES)('docs/%s', (guide) => {
  const text = readFileSync(resolve(docs, guide), 'utf8');

  it('quotes every TypeScript snippet from a compiled file', () => {
    const wrong = tsBlocks(text).flatMap((block) => {
      if (block.source === undefined) return [`${guide}:${block.line}: no .ts file linked before`];
      const file = readFileSync(resolve(docs, block.source), 'utf8');
      return quotes(file, block.code) ? [] : [`${guide}:${block.line} is not in ${block.source}`];
    });
    expect(wrong).toEqual([]);
  });

  it('links only to files that exist (typedoc cannot link to folders)', () => {
    for (const [, target] of text.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)) {
      if (/^[a-z]+:/.test(target!)) continue;
      const path = resolve(docs, target!);
      expect(existsSync(path) && statSync(path).isFile(), `${guide} links to ${target}`).toBe(true);
    }
  });
});
