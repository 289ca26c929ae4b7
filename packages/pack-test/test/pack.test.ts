/**
 * Packs every public package as `pnpm publish` would, then installs `@tessera/autodiff` and
 * only what it depends on from those tarballs into a fresh npm project outside the workspace,
 * and uses it there as a user would: from plain Node ESM, and from a strict TypeScript project
 * (`moduleResolution: NodeNext`) against the installed declarations.
 *
 * What it catches that the packages' own tests cannot: a file missing from `files`, an
 * `exports` map that points nowhere, a `workspace:` range left in a published manifest, a stale
 * file in `dist`, a dependency that is imported but not declared, declarations that only work
 * with the workspace's tsconfig.
 *
 * Third-party dependencies (gpu.js and its own) come from the npm registry, as for a user, with
 * `--prefer-offline` (npm's cache first), `--ignore-scripts` (nothing builds or downloads a
 * binary) and `--omit=optional` (gpu.js's native `gl`, only needed for the headlessgl mode).
 */
import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const exec = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));

/** The packages the README's table lists; each must be public and packable. */
const PUBLIC = [
  '@tessera/autodiff',
  '@tessera/cli',
  '@tessera/data',
  '@tessera/kernels',
  '@tessera/layers',
  '@tessera/models',
  '@tessera/optim',
  '@tessera/random',
  '@tessera/tensor',
  '@tessera/tree',
];

interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly private?: boolean;
  readonly license?: string;
  readonly repository?: { readonly url?: string; readonly directory?: string };
  readonly exports?: Readonly<Record<string, string | Readonly<Record<string, string>>>>;
  readonly bin?: string | Readonly<Record<string, string>>;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
}

interface WorkspacePackage {
  readonly folder: string;
  readonly dir: string;
  readonly manifest: Manifest;
}

interface Packed {
  readonly tarball: string;
  readonly files: readonly string[];
  /** The package.json inside the tarball, as a user's package manager reads it. */
  readonly manifest: Manifest;
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

const workspace: readonly WorkspacePackage[] = readdirSync(join(root, 'packages'))
  .filter((folder) => existsSync(join(root, 'packages', folder, 'package.json')))
  .map((folder) => {
    const dir = join(root, 'packages', folder);
    return { folder, dir, manifest: readJson<Manifest>(join(dir, 'package.json')) };
  });
const publicPackages = workspace.filter((p) => p.manifest.private !== true);

/**
 * pnpm passes its configuration to scripts as `npm_config_*` variables; npm would read them as
 * its own, so child processes get the environment without them.
 */
const env = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')),
);

async function run(command: string, args: readonly string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await exec(command, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} (in ${cwd}) failed:\n${stdout}\n${stderr}`);
  }
}

/** Runs `task` over `items`, at most `limit` at a time (the CI machine has two cores). */
async function pool<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>) {
  const results: R[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

const scratch = mkdtempSync(join(tmpdir(), 'tessera-pack-test-'));
const packed = new Map<string, Packed>();

beforeAll(async () => {
  const tarballs = join(scratch, 'tarballs');
  mkdirSync(tarballs);
  await pool(publicPackages, 3, async ({ dir, manifest }) => {
    const out = await run('pnpm', ['pack', '--json', '--pack-destination', tarballs], dir);
    const { filename, files } = JSON.parse(out) as {
      filename: string;
      files: readonly { path: string }[];
    };
    const inner = await run('tar', ['-xzOf', filename, 'package/package.json'], scratch);
    packed.set(manifest.name, {
      tarball: filename,
      files: files.map((f) => f.path),
      manifest: JSON.parse(inner) as Manifest,
    });
  });
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

test('the public packages are the ten of the README', () => {
  expect(publicPackages.map((p) => p.manifest.name).sort()).toEqual(PUBLIC);
});

describe.each(publicPackages)('$manifest.name packs for npm', ({ folder, dir, manifest }) => {
  const get = (): Packed => {
    const p = packed.get(manifest.name);
    if (p === undefined) throw new Error(`${manifest.name} was not packed`);
    return p;
  };

  test('with its license, README, code and declarations, and nothing else', () => {
    const { files } = get();
    expect(files).toEqual(
      expect.arrayContaining([
        'LICENSE',
        'README.md',
        'package.json',
        'dist/index.js',
        'dist/index.d.ts',
      ]),
    );
    const stray = files.filter(
      (f) => !/^(dist|src)\//.test(f) && !['LICENSE', 'README.md', 'package.json'].includes(f),
    );
    expect(stray).toEqual([]);
    expect(files.filter((f) => /\.test\.|tsbuildinfo|node_modules/.test(f))).toEqual([]);
    expect(readFileSync(join(dir, 'LICENSE'), 'utf8')).toBe(
      readFileSync(join(root, 'LICENSE'), 'utf8'),
    );
  });

  test('every file its exports and bin name is in the tarball, and dist has no stale file', () => {
    const { files, manifest: inner } = get();
    const targets: string[] = [];
    for (const entry of Object.values(inner.exports ?? {})) {
      targets.push(...(typeof entry === 'string' ? [entry] : Object.values(entry)));
    }
    const bin = inner.bin ?? {};
    targets.push(...(typeof bin === 'string' ? [bin] : Object.values(bin)));
    for (const target of targets) expect(files).toContain(target.replace(/^\.\//, ''));
    // Every compiled module comes from a source file that still exists.
    const stale = files.filter(
      (f) =>
        /^dist\/.*\.js$/.test(f) && !files.includes(f.replace(/^dist\/(.*)\.js$/, 'src/$1.ts')),
    );
    expect(stale).toEqual([]);
  });

  test('its published manifest has ranges, not workspace: specifiers, and its metadata', () => {
    const { manifest: inner } = get();
    expect(inner.version).toMatch(/^0\.\d+\.\d+$/);
    expect(inner.license).toBe('MIT');
    expect(inner.repository?.directory).toBe(`packages/${folder}`);
    const ranges = {
      ...inner.dependencies,
      ...inner.peerDependencies,
      ...inner.optionalDependencies,
    };
    for (const [name, range] of Object.entries(ranges)) {
      expect(range, name).not.toMatch(/^workspace:/);
      const sibling = workspace.find((p) => p.manifest.name === name);
      // A caret range on a sibling lets npm share one copy of, say, @tessera/tensor between
      // packages released at different patch versions.
      if (sibling !== undefined) expect(range, name).toBe(`^${sibling.manifest.version}`);
    }
  });
});

describe('@tessera/autodiff installed alone from its tarballs', () => {
  const consumer = join(scratch, 'consumer');
  let closure: readonly string[] = [];

  beforeAll(async () => {
    // @tessera/autodiff and, transitively, the workspace packages it depends on.
    const seen = new Set<string>();
    const visit = (name: string): void => {
      const p = packed.get(name);
      if (seen.has(name) || p === undefined) return;
      seen.add(name);
      for (const dep of Object.keys(p.manifest.dependencies ?? {})) visit(dep);
    };
    visit('@tessera/autodiff');
    closure = [...seen].sort();
    mkdirSync(consumer);
    const dependencies = Object.fromEntries(
      closure.map((name) => [name, `file:${packed.get(name)?.tarball}`]),
    );
    writeFileSync(
      join(consumer, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies }, null, 2),
    );
    await run(
      'npm',
      [
        'install',
        '--ignore-scripts',
        '--omit=optional',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        '--fetch-retries=4',
        '--loglevel=error',
      ],
      consumer,
    );
  });

  test('brings exactly its workspace dependencies, each from a local tarball', () => {
    expect(closure).toEqual(
      expect.arrayContaining(['@tessera/autodiff', '@tessera/tensor', '@tessera/tree']),
    );
    expect(closure).not.toContain('@tessera/layers');
    const installed = readdirSync(join(consumer, 'node_modules', '@tessera')).map(
      (name) => `@tessera/${name}`,
    );
    expect(installed.sort()).toEqual(closure);
    const lock = readJson<{ packages: Record<string, { resolved?: string }> }>(
      join(consumer, 'package-lock.json'),
    );
    const tessera = Object.entries(lock.packages).filter(([path]) => path.includes('@tessera/'));
    expect(tessera.map(([path]) => path).sort()).toEqual(
      closure.map((name) => `node_modules/${name}`),
    );
    for (const [path, entry] of tessera) expect(entry.resolved, path).toMatch(/^file:/);
  });

  test('plain Node ESM computes grad of sum(x^2) at [1, 2, 3]', async () => {
    writeFileSync(
      join(consumer, 'grad.mjs'),
      [
        "import { grad } from '@tessera/autodiff';",
        "import { square, sum, tensor } from '@tessera/tensor';",
        'const g = grad((x) => sum(square(x)))(tensor([1, 2, 3]));',
        'console.log(JSON.stringify({ shape: g.shape, dtype: g.dtype, values: g.toArray() }));',
      ].join('\n'),
    );
    const out = await run(process.execPath, ['grad.mjs'], consumer);
    expect(JSON.parse(out)).toEqual({ shape: [3], dtype: 'float32', values: [2, 4, 6] });
  });

  test('a strict NodeNext TypeScript project type-checks against the installed declarations', async () => {
    writeFileSync(
      join(consumer, 'main.ts'),
      [
        "import { grad, valueAndGrad } from '@tessera/autodiff';",
        "import { square, sum, tensor, type Tensor } from '@tessera/tensor';",
        '',
        'const f = (x: Tensor): Tensor => sum(square(x));',
        'const g: Tensor = grad(f)(tensor([1, 2, 3]));',
        'const [value, dx]: [Tensor, Tensor] = valueAndGrad(f)(g);',
        'export const shapes: readonly (readonly number[])[] = [g.shape, value.shape, dx.shape];',
        '',
        '// @ts-expect-error grad(f) returns a Tensor, not a number: the installed types say so',
        'export const wrong: number = grad(f)(tensor([1, 2, 3]));',
      ].join('\n'),
    );
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          // DOM only because gpu.js's own declarations (reached through @tessera/kernels) name
          // WebGLRenderingContext and HTMLCanvasElement.
          lib: ['ES2022', 'DOM'],
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          // The installed declarations are checked too (an import of an undeclared package
          // in a .d.ts fails here), without @types/node.
          skipLibCheck: false,
          types: [],
        },
        files: ['main.ts'],
      }),
    );
    const tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
    await run(process.execPath, [tsc, '-p', 'tsconfig.json'], consumer);
  });
});
