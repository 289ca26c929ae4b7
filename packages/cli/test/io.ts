import type { CliIo, OutputStream } from '../src/index.js';

/** An in-memory stream: what was written, joined. */
export interface Captured extends OutputStream {
  readonly text: () => string;
}

export function captured(options: { isTTY?: boolean; columns?: number } = {}): Captured {
  const chunks: string[] = [];
  return {
    write: (text: string) => chunks.push(text),
    text: () => chunks.join(''),
    ...options,
  };
}

export function capturedIo(): CliIo & { stdout: Captured; stderr: Captured } {
  return { stdout: captured(), stderr: captured() };
}
