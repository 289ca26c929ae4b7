/**
 * `node dist/src/cpu-profile.js FILE.cpuprofile [N]`: the N functions (20 by default) with
 * the most self time in a profile written by `node --cpu-prof`, with their share of the
 * sampled time. Run it on a profile of `profile.js` to see what dominates a training step
 * beneath the backend calls (gpu.js's generated WebAssembly shows as one entry per kernel).
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
  };
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Self time in microseconds per function (name, file and line), largest first. */
export function selfTimes(profile: CpuProfile): [string, number][] {
  const nameOf = new Map<number, string>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.replace(/^.*\/(packages|node_modules)\//, '$1/');
    nameOf.set(node.id, `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`);
  }
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const name = nameOf.get(id) ?? '(unknown)';
    totals.set(name, (totals.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  return [...totals.entries()].sort((a, b) => b[1] - a[1]);
}

const [file, count = '20'] = process.argv.slice(2);
if (file !== undefined) {
  const rows = selfTimes(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
  const total = rows.reduce((s, [, t]) => s + t, 0);
  console.log(`${(total / 1e6).toFixed(2)} s sampled`);
  for (const [name, t] of rows.slice(0, Number(count))) {
    console.log(`${((100 * t) / total).toFixed(1).padStart(5)}%  ${name}`);
  }
}
