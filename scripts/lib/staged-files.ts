/**
 * Output files that appear together or not at all: each is written to a temporary name in its target's directory
 * (so the final rename stays on one filesystem) and renamed into place by commit(). On any failure every temporary
 * is removed, and a failed commit also takes back the files it had already renamed, so a failed run leaves none of
 * its files behind. Files may be written whole (write) or in pieces over a long computation (open).
 */
import { closeSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

/** A file system error while writing or renaming the output file `path`; `code` is the errno name (EISDIR...). */
export class OutputError extends Error {
  override name = 'OutputError';
  readonly code: string | undefined;

  constructor(
    readonly path: string,
    override readonly cause: Error,
  ) {
    super(`cannot write '${path}': ${cause.message}`);
    this.code = 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
  }
}

/** Writes the file's contents through an open descriptor (for data too large to build as one buffer). */
export type FileWriter = (fd: number) => void;

interface Staged {
  readonly temporary: string;
  readonly target: string;
  /** The open descriptor of a file written in pieces (open), closed by commit or discard. */
  fd?: number;
}

/** A staged file open for writing in pieces: bytes and text go to its temporary, in order. */
export interface StagedStream {
  readonly target: string;
  /** Appends; a file system error discards everything staged and throws an OutputError naming the target. */
  write(contents: Uint8Array | string): void;
}

function isSystemError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && 'code' in error && typeof error.code === 'string';
}

function closeQuietly(fd: number | undefined): void {
  if (fd === undefined) return;
  try {
    closeSync(fd);
  } catch {
    // Already failing; the descriptor is gone either way.
  }
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // Best effort: the error being reported matters more than a leftover temporary.
  }
}

function temporaryFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
}

export class StagedFiles {
  private staged: Staged[] = [];

  /**
   * Runs `stage` (which writes files) and commits them; if it throws, whatever it had staged is removed. Returns
   * the paths written.
   */
  static together(stage: (files: StagedFiles) => void): string[] {
    const files = new StagedFiles();
    try {
      stage(files);
      return files.commit();
    } finally {
      files.discard();
    }
  }

  /** The asynchronous form of together: `stage` may await (a long computation that lets signals in). */
  static async togetherAsync(stage: (files: StagedFiles) => Promise<void>): Promise<string[]> {
    const files = new StagedFiles();
    try {
      await stage(files);
      return files.commit();
    } finally {
      files.discard();
    }
  }

  /**
   * Opens a temporary next to `target` for writing in pieces (output written while it is computed); it is closed
   * and renamed by commit, or removed by discard. On failure discards everything staged so far and throws.
   */
  open(target: string): StagedStream {
    const temporary = temporaryFor(target);
    let staged: Staged;
    try {
      staged = { temporary, target, fd: openSync(temporary, 'wx') };
    } catch (error) {
      this.discard();
      throw isSystemError(error) ? new OutputError(target, error) : error;
    }
    this.staged.push(staged);
    return {
      target,
      write: (contents) => {
        const bytes = typeof contents === 'string' ? Buffer.from(contents) : contents;
        try {
          if (staged.fd === undefined) throw new Error(`'${target}' is no longer open`);
          for (let done = 0; done < bytes.length;) {
            done += writeSync(staged.fd, bytes, done, bytes.length - done);
          }
        } catch (error) {
          this.discard();
          throw isSystemError(error) ? new OutputError(target, error) : error;
        }
      },
    };
  }

  /** Writes `contents` to a temporary next to `target`; on failure discards everything staged so far and throws. */
  write(target: string, contents: string | Uint8Array | FileWriter): void {
    const temporary = temporaryFor(target);
    try {
      if (typeof contents === 'function') {
        const fd = openSync(temporary, 'wx');
        this.staged.push({ temporary, target });
        try {
          contents(fd);
        } finally {
          closeSync(fd);
        }
      } else {
        writeFileSync(temporary, contents, { flag: 'wx' });
        this.staged.push({ temporary, target });
      }
    } catch (error) {
      this.discard();
      removeQuietly(temporary);
      throw isSystemError(error) ? new OutputError(target, error) : error;
    }
  }

  /** Closes the files written in pieces, then renames every temporary to its target, in the order staged. */
  commit(): string[] {
    for (const staged of this.staged) {
      if (staged.fd === undefined) continue;
      const fd = staged.fd;
      staged.fd = undefined;
      try {
        closeSync(fd); // where a delayed write error (NFS, quota) shows
      } catch (error) {
        this.discard();
        throw isSystemError(error) ? new OutputError(staged.target, error) : error;
      }
    }
    const done: string[] = [];
    for (const { temporary, target } of this.staged) {
      try {
        renameSync(temporary, target);
      } catch (error) {
        for (const path of done) removeQuietly(path);
        this.discard();
        throw isSystemError(error) ? new OutputError(target, error) : error;
      }
      done.push(target);
    }
    this.staged = [];
    return done;
  }

  /** Closes and removes every temporary not yet renamed. */
  discard(): void {
    for (const staged of this.staged) {
      closeQuietly(staged.fd);
      staged.fd = undefined;
      removeQuietly(staged.temporary);
    }
    this.staged = [];
  }
}
