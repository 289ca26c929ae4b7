// biome-ignore-all lint/correctness/noPrecisionLoss: the coefficients are copied verbatim from XLA and Cephes so that they can be checked against the sources.

/**
 * The error function and its inverse, the two special functions behind JAX's normal
 * and truncated-normal samplers, plus float32 and float64 neighbours (`nextafter`).
 *
 * The inverse error functions are XLA's (`xla/client/lib/math.cc`: `ErfInv32`,
 * `ErfInv64`), which use M. Giles, "Approximating the erfinv function" (GPU Computing
 * Gems, 2011). The float32 one is evaluated with every intermediate rounded to float32
 * (`Math.fround`) so that samples land where JAX's do; the float64 one is plain double
 * arithmetic. The error function is Cephes' double-precision `erf`/`erfc` (as in XLA's
 * `ErfImpl64`/`ErfcImpl64`), accurate to about 1e-16.
 */

const f32 = Math.fround;

/** The largest finite float32, 2^128 - 2^104. */
export const FLOAT32_MAX = f32(3.4028234663852886e38);

/** Evaluates `c[0] x^(n-1) + ... + c[n-1]` by Horner's rule in double precision. */
function horner(x: number, c: readonly number[]): number {
  let p = 0;
  for (const ci of c) p = p * x + ci;
  return p;
}

/** Giles' single-precision coefficients for w < 5 (central region), as float32. */
const ERFINV32_CENTRAL = [
  2.81022636e-8, 3.43273939e-7, -3.5233877e-6, -4.39150654e-6, 0.00021858087, -0.00125372503,
  -0.00417768164, 0.246640727, 1.50140941,
].map(f32);

/** Giles' single-precision coefficients for w >= 5 (tails), as float32. */
const ERFINV32_TAIL = [
  -0.000200214257, 0.000100950558, 0.00134934322, -0.00367342844, 0.00573950773, -0.0076224613,
  0.00943887047, 1.00167406, 2.83297682,
].map(f32);

/**
 * Inverse error function in float32 arithmetic, XLA's `ErfInv32`:
 * `w = -log1p(-x^2)`, then a degree-8 polynomial in `w - 2.5` (w < 5) or in
 * `sqrt(w) - 3`, times x. `erfinv(+-1)` is `+-FLOAT32_MAX`, as in XLA.
 *
 * @param x - a float32 value in [-1, 1]
 */
export function erfinv32(x: number): number {
  if (Math.abs(x) === 1) return f32(x * FLOAT32_MAX);
  const w = -f32(Math.log1p(-f32(x * x)));
  const central = w < 5;
  const t = central ? f32(w - 2.5) : f32(f32(Math.sqrt(w)) - 3);
  const c = central ? ERFINV32_CENTRAL : ERFINV32_TAIL;
  let p = c[0]!;
  for (let i = 1; i < c.length; i++) p = f32(c[i]! + f32(p * t));
  return f32(p * x);
}

/** Giles' double-precision coefficients for w < 6.25. */
const ERFINV64_CENTRAL = [
  -3.6444120640178196996e-21, -1.685059138182016589e-19, 1.2858480715256400167e-18,
  1.115787767802518096e-17, -1.333171662854620906e-16, 2.0972767875968561637e-17,
  6.6376381343583238325e-15, -4.0545662729752068639e-14, -8.1519341976054721522e-14,
  2.6335093153082322977e-12, -1.2975133253453532498e-11, -5.4154120542946279317e-11,
  1.051212273321532285e-9, -4.1126339803469836976e-9, -2.9070369957882005086e-8,
  4.2347877827932403518e-7, -1.3654692000834678645e-6, -1.3882523362786468719e-5,
  0.0001867342080340571352, -0.00074070253416626697512, -0.0060336708714301490533,
  0.24015818242558961693, 1.6536545626831027356,
];

/** Giles' double-precision coefficients for 6.25 <= w < 16. */
const ERFINV64_MIDDLE = [
  2.2137376921775787049e-9, 9.0756561938885390979e-8, -2.7517406297064545428e-7,
  1.8239629214389227755e-8, 1.5027403968909827627e-6, -4.013867526981545969e-6,
  2.9234449089955446044e-6, 1.2475304481671778723e-5, -4.7318229009055733981e-5,
  6.8284851459573175448e-5, 2.4031110387097893999e-5, -0.0003550375203628474796,
  0.00095328937973738049703, -0.0016882755560235047313, 0.0024914420961078508066,
  -0.0037512085075692412107, 0.005370914553590063617, 1.0052589676941592334, 3.0838856104922207635,
];

/** Giles' double-precision coefficients for w >= 16. */
const ERFINV64_TAIL = [
  -2.7109920616438573243e-11, -2.5556418169965252055e-10, 1.5076572693500548083e-9,
  -3.7894654401267369937e-9, 7.6157012080783393804e-9, -1.4960026627149240478e-8,
  2.9147953450901080826e-8, -6.7711997758452339498e-8, 2.2900482228026654717e-7,
  -9.9298272942317002539e-7, 4.5260625972231537039e-6, -1.9681778105531670567e-5,
  7.5995277030017761139e-5, -0.00021503011930044477347, -0.00013871931833623122026,
  1.0103004648645343977, 4.8499064014085844221,
];

/**
 * Inverse error function in float64, XLA's `ErfInv64` (Giles' three-region
 * double-precision approximation). `erfinv(+-1)` is `+-Number.MAX_VALUE`, as in XLA.
 *
 * @param x - a value in [-1, 1]
 */
export function erfinv64(x: number): number {
  if (Math.abs(x) === 1) return x * Number.MAX_VALUE;
  const w = -Math.log1p(-x * x);
  if (w < 6.25) return horner(w - 3.125, ERFINV64_CENTRAL) * x;
  if (w < 16) return horner(Math.sqrt(w) - 3.25, ERFINV64_MIDDLE) * x;
  return horner(Math.sqrt(w) - 5, ERFINV64_TAIL) * x;
}

/** Cephes `erf`: x T(x^2) / U(x^2) for |x| < 1. */
const ERF_T = [
  9.60497373987051638749, 90.0260197203842689217, 2232.00534594684319226, 7003.32514112805075473,
  55592.3013010394962768,
];
const ERF_U = [
  1, 33.5617141647503099647, 521.357949780152679795, 4594.32382970980127987, 22629.0000613890934246,
  49267.3942608635921086,
];

/** Cephes `erfc`: exp(-x^2) P(|x|) / Q(|x|) for 1 <= |x| < 8. */
const ERFC_P = [
  2.46196981473530512524e-10, 0.564189564831068821977, 7.46321056442269912687,
  48.6371970985681366614, 196.520832956077098242, 526.445194995477358631, 934.52852717195760754,
  1027.55188689515710272, 557.535335369399327526,
];
const ERFC_Q = [
  1, 13.2281951154744992508, 86.7072140885989742329, 354.937778887819891062, 975.708501743205489753,
  1823.90916687909736289, 2246.33760818710981792, 1656.66309194161350182, 557.535340817727675546,
];

/** Cephes `erfc`: exp(-x^2) R(|x|) / S(|x|) for |x| >= 8. */
const ERFC_R = [
  0.564189583547755073984, 1.27536670759978104416, 5.01905042251180477414, 6.16021097993053585195,
  7.4097426995044893916, 2.9788666537210024067,
];
const ERFC_S = [
  1, 2.2605286322011727659, 9.39603524938001434673, 12.0489539808096656605, 17.0814450747565897222,
  9.60896809063285878198, 3.3690764510008151605,
];

/** Beyond exp(-MAXLOG) erfc underflows; Cephes returns 0 there (and so avoids 0 * Infinity). */
const MAXLOG = 709.782712893383996843;

/** erfc(|x|) for |x| >= 1, Cephes' rational approximations. */
function erfcTail(absX: number): number {
  if (absX * absX > MAXLOG) return 0;
  const e = Math.exp(-absX * absX);
  return absX < 8
    ? (e * horner(absX, ERFC_P)) / horner(absX, ERFC_Q)
    : (e * horner(absX, ERFC_R)) / horner(absX, ERFC_S);
}

/**
 * The error function in float64 (Cephes `erf`, relative error about 1e-16).
 * `erf(+-Infinity)` is `+-1`.
 */
export function erf(x: number): number {
  const absX = Math.abs(x);
  if (absX < 1) {
    const z = x * x;
    return (x * horner(z, ERF_T)) / horner(z, ERF_U);
  }
  const tail = 1 - erfcTail(absX);
  return x < 0 ? -tail : tail;
}

const scratch = new DataView(new ArrayBuffer(8));

/** The next float64 above `x` (`nextafter(x, +Infinity)`). */
export function nextUp64(x: number): number {
  if (Number.isNaN(x) || x === Number.POSITIVE_INFINITY) return x;
  if (x === 0) return Number.MIN_VALUE;
  scratch.setFloat64(0, x);
  const b = scratch.getBigUint64(0);
  // Positive values grow with their bit pattern, negative ones shrink.
  scratch.setBigUint64(0, x > 0 ? b + 1n : b - 1n);
  return scratch.getFloat64(0);
}

/** The next float64 below `x` (`nextafter(x, -Infinity)`). */
export function nextDown64(x: number): number {
  return -nextUp64(-x);
}

/** The next float32 above the float32 value `x`. */
export function nextUp32(x: number): number {
  if (Number.isNaN(x) || x === Number.POSITIVE_INFINITY) return x;
  if (x === 0) return 2 ** -149;
  scratch.setFloat32(0, x);
  const b = scratch.getUint32(0);
  scratch.setUint32(0, x > 0 ? b + 1 : b - 1);
  return scratch.getFloat32(0);
}

/** The next float32 below the float32 value `x`. */
export function nextDown32(x: number): number {
  return -nextUp32(-x);
}
