/**
 * The drawing pad: a canvas the user draws on with the mouse (or a pen or a finger, through
 * pointer events), ink in the alpha channel of a transparent canvas.
 */
import { type InkImage, inkFromRgba } from './preprocess.js';

/** The pad's size in CSS pixels, and the pen's width: MNIST-like strokes for a large digit. */
export const PAD_SIZE = 280;
export const PEN_WIDTH = 22;

/** A drawing pad attached to a canvas. */
export interface Pad {
  /** The ink drawn so far, at the canvas's device resolution. */
  ink(): InkImage;
  /** Whether anything is drawn. */
  readonly empty: boolean;
  clear(): void;
}

/**
 * Makes `canvas` a drawing pad. `onChange` is called (at most once per animation frame) while
 * the pen moves, and once more when a stroke ends.
 */
export function attachPad(canvas: HTMLCanvasElement, onChange: () => void): Pad {
  const scale = Math.max(1, Math.round(window.devicePixelRatio || 1));
  canvas.width = PAD_SIZE * scale;
  canvas.height = PAD_SIZE * scale;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (context === null) throw new Error('the drawing pad needs a 2D canvas');
  context.lineCap = 'round';
  context.lineJoin = 'round';
  context.lineWidth = PEN_WIDTH * scale;
  context.strokeStyle = '#000';
  context.fillStyle = '#000';

  let last: { x: number; y: number } | null = null;
  let empty = true;
  let scheduled = false;
  const changed = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      onChange();
    });
  };
  const at = (event: PointerEvent) => {
    const box = canvas.getBoundingClientRect();
    return {
      x: ((event.clientX - box.left) * canvas.width) / box.width,
      y: ((event.clientY - box.top) * canvas.height) / box.height,
    };
  };

  canvas.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    canvas.setPointerCapture(event.pointerId);
    last = at(event);
    context.beginPath();
    context.arc(last.x, last.y, context.lineWidth / 2, 0, 2 * Math.PI);
    context.fill();
    empty = false;
    changed();
  });
  canvas.addEventListener('pointermove', (event) => {
    if (last === null) return;
    const point = at(event);
    context.beginPath();
    context.moveTo(last.x, last.y);
    context.lineTo(point.x, point.y);
    context.stroke();
    last = point;
    changed();
  });
  const end = () => {
    if (last === null) return;
    last = null;
    onChange();
  };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);

  return {
    ink() {
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      return inkFromRgba(data, canvas.width, canvas.height);
    },
    get empty() {
      return empty;
    },
    clear() {
      context.clearRect(0, 0, canvas.width, canvas.height);
      empty = true;
      last = null;
    },
  };
}

/** Paints a 28x28 image (values in [0, 1]) white on black on a 28x28 canvas. */
export function paintDigit(canvas: HTMLCanvasElement, image: Float32Array | null): void {
  const context = canvas.getContext('2d');
  if (context === null) return;
  const pixels = context.createImageData(canvas.width, canvas.height);
  for (let i = 0; i < canvas.width * canvas.height; i++) {
    const v = Math.round(255 * (image?.[i] ?? 0));
    pixels.data.set([v, v, v, 255], 4 * i);
  }
  context.putImageData(pixels, 0, 0);
}
