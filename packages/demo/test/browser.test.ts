/**
 * The page in a real headless Chromium (Debian's `chromium`, driven by playwright-core): it is
 * built with Vite and served by `vite preview`, a digit is drawn stroke by stroke with the
 * mouse, and the page must read it on a gpu.js GPU mode. A screenshot goes to
 * docs/demo-screenshot.png. The training view must bring the loss down.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build, createLogger, type PreviewServer, preview } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoState } from '../src/main.js';
import { DIGITS, type Stroke } from './digits.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SCREENSHOT = join(ROOT, '../../docs/demo-screenshot.png');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/**
 * WebGL2 without a GPU: ANGLE on SwiftShader (Chromium's software Vulkan), which recent
 * Chromium only enables for WebGL when asked to.
 */
const CHROMIUM_ARGS = ['--use-angle=swiftshader', '--enable-unsafe-swiftshader'];
/**
 * How long the page may take to load the checkpoint and compile its kernels. Alone on 2 cores
 * that is about 7 s (6 s of it SwiftShader compiling shaders on the first classification); in
 * CI, beside every other package's tests on the same 2 cores, it once took over 60 s, which
 * failed the run. The wait is bounded only to catch a page that never starts.
 */
const READY_TIMEOUT_MS = 240_000;

let server: PreviewServer;
let browser: Browser;
let page: Page;
const buildWarnings: string[] = [];

declare global {
  interface Window {
    tesseraDemo: DemoState;
  }
}

const demo = <T>(read: (state: DemoState) => T): Promise<T> =>
  page.evaluate(`(${read.toString()})(window.tesseraDemo)`) as Promise<T>;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `no Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH); .ci/run does`,
    );
  }
  const assets = spawnSync(process.execPath, [join(ROOT, 'scripts/mnist-subset.mjs')], {
    encoding: 'utf8',
  });
  if (assets.status !== 0) throw new Error(`mnist-subset.mjs failed: ${assets.stderr}`);
  const logger = createLogger('warn');
  const warn = logger.warn;
  logger.warn = (message, options) => {
    buildWarnings.push(message);
    warn(message, options);
  };
  await build({ root: ROOT, logLevel: 'warn', customLogger: logger });
  server = await preview({ root: ROOT, logLevel: 'warn', preview: { port: 0, host: '127.0.0.1' } });
  const url = server.resolvedUrls?.local[0];
  if (url === undefined) throw new Error('vite preview printed no URL');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1000, height: 720 }, deviceScaleFactor: 1 });
  page.on('pageerror', (error) => console.error('page error:', error));
  const started = performance.now();
  await page.goto(url);
  await page
    .waitForFunction('window.tesseraDemo?.ready || window.tesseraDemo?.error', null, {
      timeout: READY_TIMEOUT_MS,
    })
    .catch(async (cause: unknown) => {
      const seen = await page.evaluate('JSON.stringify(window.tesseraDemo ?? null)');
      throw new Error(
        `the page was not ready after ${READY_TIMEOUT_MS / 1000} s; its state: ${String(seen)}`,
        { cause },
      );
    });
  const error = await demo((s) => s.error);
  if (error !== null) throw new Error(`the page failed to start: ${error}`);
  console.log(`page ready ${(performance.now() - started).toFixed(0)} ms after it was opened`);
}, READY_TIMEOUT_MS + 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => {
    if (server === undefined) resolve();
    else server.httpServer.close(() => resolve());
  });
});

/** Draws `strokes` (canvas pixels) on the pad with the mouse, a move every 6 pixels or so. */
async function draw(strokes: readonly Stroke[]): Promise<void> {
  const box = await page.locator('#pad').boundingBox();
  if (box === null) throw new Error('the pad is not visible');
  for (const stroke of strokes) {
    const [first, ...rest] = stroke;
    await page.mouse.move(box.x + first![0], box.y + first![1]);
    await page.mouse.down();
    let [px, py] = first!;
    for (const [x, y] of rest) {
      const steps = Math.max(1, Math.round(Math.hypot(x - px, y - py) / 6));
      await page.mouse.move(box.x + x, box.y + y, { steps });
      [px, py] = [x, y];
    }
    await page.mouse.up();
  }
}

/** Clears the pad, draws `digit` and returns what the page reads, once it has read it all. */
async function drawAndRead(
  digit: number,
): Promise<{ shown: string; last: DemoState['predictions'][number] }> {
  await page.click('#clear');
  const before = await demo((s) => s.predictions.length);
  await draw(DIGITS[digit]!);
  // The pen-up classification is the last; wait for it and one frame more.
  await page.waitForFunction(`window.tesseraDemo.predictions.length > ${before}`);
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
  const last = await demo((s) => s.predictions[s.predictions.length - 1]!);
  return { shown: (await page.textContent('#prediction')) ?? '', last };
}

describe('the demo page in headless Chromium', () => {
  it('bundles without Node built-ins (nothing externalised for the browser)', () => {
    expect(buildWarnings.filter((w) => /externali[sz]ed for browser/.test(w))).toEqual([]);
  });

  it('runs LeNet-5 on a gpu.js GPU mode and says so', async () => {
    const state = await demo((s) => ({
      backend: s.backend,
      engines: s.engines,
      renderer: s.renderer,
    }));
    expect(state.backend).toMatch(/^gpujs:(webgl2|webgpu)$/);
    expect(state.engines.every((e) => /^WebG(L2|PU)Kernel$/.test(e))).toBe(true);
    expect(state.engines.length).toBeGreaterThan(0);
    expect(await page.textContent('#backend')).toContain(state.backend);
    console.log(
      `backend ${state.backend} (${state.engines.join(', ')}), renderer ${state.renderer}`,
    );
  });

  it.each([7, 1, 4, 0])('reads a %i drawn with the mouse', async (digit) => {
    const { shown, last } = await drawAndRead(digit);
    expect(shown).toBe(String(digit));
    expect(last.digit).toBe(digit);
    expect(last.probabilities[digit]).toBeGreaterThan(0.5);
    expect(last.ms).toBeGreaterThan(0);
    const scores = await page.locator('#scores li').count();
    expect(scores).toBe(10);
  });

  it('shows the time of each inference, and a screenshot of a 7 goes to docs/', async () => {
    await drawAndRead(7);
    const times = await demo((s) => s.predictions.map((p) => p.ms));
    const calls = await demo((s) => s.gpuCallsPerInference);
    expect(await page.textContent('#inference-ms')).toMatch(/^[\d.]+ ms$/);
    expect(calls).toBeGreaterThan(0);
    const sorted = [...times].sort((a, b) => a - b);
    console.log(
      `inference: median ${sorted[sorted.length >> 1]!.toFixed(1)} ms over ${times.length} ` +
        `classifications, ${calls} gpu.js kernel calls each; first call ` +
        `${(await demo((s) => s.warmupMs))?.toFixed(0)} ms`,
    );
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  it('trains an MLP in the page, and the loss falls', async () => {
    await page.click('#tab-train');
    await page.fill('#epochs', '1');
    await page.selectOption('#recipe', 'mlp-relu');
    await page.click('#train-start');
    await page.waitForFunction('window.tesseraDemo.losses.length >= 40', null, {
      timeout: 120_000,
    });
    await page.click('#train-stop');
    await page.waitForFunction('!window.tesseraDemo.training');
    const losses = await demo((s) => s.losses);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const first = mean(losses.slice(0, 10));
    const last = mean(losses.slice(-10));
    console.log(
      `training: ${losses.length} steps, loss ${first.toFixed(3)} -> ${last.toFixed(3)}; ` +
        `step time ${await page.textContent('#train-ms')}`,
    );
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(last).toBeLessThan(0.6 * first);
    expect(await page.textContent('#train-loss')).toMatch(/^\d+\.\d{4}$/);
  }, 150_000);
});
