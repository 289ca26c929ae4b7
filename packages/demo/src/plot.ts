/**
 * The live loss curve: every step's loss (faint) and its moving average (bold) against the
 * step, on a canvas.
 */

/** The mean of each window of `width` values ending at each index. */
export function movingAverage(values: readonly number[], width: number): number[] {
  const out: number[] = [];
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i]!;
    if (i >= width) sum -= values[i - width]!;
    out.push(sum / Math.min(i + 1, width));
  }
  return out;
}

/** A round number near `x` (1, 2 or 5 times a power of ten) for axis ticks. */
function niceStep(x: number): number {
  const power = 10 ** Math.floor(Math.log10(x));
  const f = x / power;
  return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * power;
}

/** Draws `losses` (one per step) on `canvas`, sized to its CSS box. */
export function drawLoss(
  canvas: HTMLCanvasElement,
  losses: readonly number[],
  label: string,
): void {
  const scale = window.devicePixelRatio || 1;
  const box = canvas.getBoundingClientRect();
  const width = Math.max(1, Math.round(box.width));
  const height = Math.max(1, Math.round(box.height));
  if (canvas.width !== width * scale || canvas.height !== height * scale) {
    canvas.width = width * scale;
    canvas.height = height * scale;
  }
  const g = canvas.getContext('2d');
  if (g === null) return;
  g.setTransform(scale, 0, 0, scale, 0, 0);
  g.clearRect(0, 0, width, height);
  const left = 48;
  const right = 12;
  const top = 24;
  const bottom = 32;
  const w = width - left - right;
  const h = height - top - bottom;
  const steps = Math.max(10, losses.length);
  const maxLoss = Math.max(1e-9, ...losses.slice(0, 2000));
  const yStep = niceStep(maxLoss / 4);
  const yMax = Math.ceil(maxLoss / yStep) * yStep;
  const x = (i: number) => left + (w * i) / steps;
  const y = (v: number) => top + h - (h * Math.min(v, yMax)) / yMax;

  g.font = '12px system-ui, sans-serif';
  g.fillStyle = '#6b7385';
  g.strokeStyle = '#dfe3ec';
  g.lineWidth = 1;
  g.textAlign = 'right';
  g.textBaseline = 'middle';
  for (let v = 0; v <= yMax + 1e-12; v += yStep) {
    g.beginPath();
    g.moveTo(left, y(v));
    g.lineTo(left + w, y(v));
    g.stroke();
    g.fillText(Number(v.toPrecision(3)).toString(), left - 6, y(v));
  }
  g.textAlign = 'center';
  g.textBaseline = 'top';
  const xStep = niceStep(steps / 6);
  for (let s = 0; s <= steps; s += xStep) g.fillText(String(s), x(s), top + h + 6);
  g.textAlign = 'left';
  g.fillText(`${label}, by step`, left, 4);

  const line = (values: readonly number[], color: string, lineWidth: number) => {
    g.strokeStyle = color;
    g.lineWidth = lineWidth;
    g.beginPath();
    values.forEach((v, i) => {
      if (i === 0) g.moveTo(x(i + 1), y(v));
      else g.lineTo(x(i + 1), y(v));
    });
    g.stroke();
  };
  line(losses, '#b8c4ee', 1);
  line(movingAverage(losses, 20), '#3056d3', 2);
}
