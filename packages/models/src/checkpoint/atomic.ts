import * as fs from 'node:fs';
import * as nodePath from 'node:path';

/** The file operations {@link writeFileAtomic} needs; tests pass failing ones. */
export interface AtomicFs {
  openSync(path: string, flags: string): number;
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number): number;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  rmSync(path: string, options: { force: boolean }): void;
}

const nodeFs: AtomicFs = fs;

/** The temporary file a process writes before renaming it to `path`. */
export function temporaryPath(path: string, pid: number = process.pid): string {
  return `${path}.tmp-${pid}`;
}

/**
 * Writes `bytes` to `path` so that `path` holds either its old contents or all of the new
 * ones, never a part: the bytes go to `path.tmp-<pid>`, are flushed to disk, and the file is
 * renamed over `path` (atomic on POSIX within one file system). On any failure the temporary
 * file is removed and the error rethrown; a crash can leave only the temporary file behind.
 */
export function writeFileAtomic(path: string, bytes: Uint8Array, io: AtomicFs = nodeFs): void {
  const temporary = temporaryPath(path);
  let fd: number | undefined;
  try {
    fd = io.openSync(temporary, 'w');
    for (let written = 0; written < bytes.length; ) {
      written += io.writeSync(fd, bytes, written, bytes.length - written);
    }
    // Flush before the rename: otherwise a power loss may leave the new name on empty data.
    io.fsyncSync(fd);
    io.closeSync(fd);
    fd = undefined;
    io.renameSync(temporary, path);
  } catch (error) {
    if (fd !== undefined) {
      try {
        io.closeSync(fd);
      } catch {
        // Already failing; the first error is the one worth reporting.
      }
    }
    io.rmSync(temporary, { force: true });
    throw error;
  }
  syncDirectory(nodePath.dirname(path));
}

/** Makes the rename itself durable; best effort, as some systems cannot fsync a directory. */
function syncDirectory(directory: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(directory, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Not supported here (Windows, some network file systems): the rename still happened.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
