/**
 * Statistics for the distribution tests. Every test draws from fixed keys, so each
 * check is deterministic; the thresholds sit at a false-alarm probability of about
 * 1e-6 per check, so a genuine sampler passes them and a broken one (a wrong
 * scale, a missing bit, a biased transform) fails them.
 */

/**
 * |z| above 5 has two-sided probability 5.7e-7 under the null hypothesis.
 */
export const Z_CRITICAL = 5;

/**
 * Kolmogorov's asymptotic distribution: P(sqrt(n) D > c) ~ 2 exp(-2c^2), so
 * c = sqrt(ln(2 / 1e-6) / 2) = 2.6934 for a 1e-6 false-alarm probability.
 */
export const KS_CRITICAL = 2.6934;

/**
 * Upper 1e-6 quantiles of chi-square, by degrees of freedom
 * (`scipy.stats.chi2.isf(1e-6, df)`).
 */
export const CHI2_UPPER: Readonly<Record<number, number>> = {
  1: 23.928,
  2: 27.631,
  3: 30.665,
  5: 35.888,
  9: 44.811,
  19: 63.677,
};

/**
 * Lower 1e-6 quantile of chi-square with 19 degrees of freedom
 * (`scipy.stats.chi2.ppf(1e-6, 19)`): a fit this good would mean the samples are
 * suspiciously regular, as a stratified or counter-like sequence would be.
 */
export const CHI2_19_LOWER = 2.255;

export function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return s / xs.length;
}

/** Unbiased sample variance. */
export function variance(xs: ArrayLike<number>): number {
  const m = mean(xs);
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += (xs[i]! - m) ** 2;
  return s / (xs.length - 1);
}

/** Pearson's statistic, sum of (observed - expected)^2 / expected. */
export function chiSquare(observed: readonly number[], expected: readonly number[]): number {
  return observed.reduce((s, o, i) => s + (o - expected[i]!) ** 2 / expected[i]!, 0);
}

/** Counts of the integers 0, ..., bins - 1 in `xs`. */
export function histogram(xs: ArrayLike<number>, bins: number): number[] {
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < xs.length; i++) counts[xs[i]!]!++;
  return counts;
}

/** The Kolmogorov-Smirnov statistic sqrt(n) D of the samples against `cdf`. */
export function scaledKs(xs: ArrayLike<number>, cdf: (x: number) => number): number {
  const sorted = Float64Array.from(xs).sort();
  const n = sorted.length;
  let d = 0;
  sorted.forEach((x, i) => {
    const f = cdf(x);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  });
  return Math.sqrt(n) * d;
}

/** |observed - expected| in units of the standard error. */
export function zScore(observed: number, expected: number, standardError: number): number {
  return Math.abs(observed - expected) / standardError;
}
