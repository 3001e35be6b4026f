/**
 * Output files that appear together or not at all: each is written to a temporary name in its target's directory
 * (so the final rename stays on one filesystem) and renamed into place by commit(). On any failure every temporary
 * is removed, and a failed commit also takes back the files it had already renamed, so a failed run leaves none of
 * its files behind.
 */
import { closeSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
}

function isSystemError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && 'code' in error && typeof error.code === 'string';
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // Best effort: the error being reported matters more than a leftover temporary.
  }
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

  /** Writes `contents` to a temporary next to `target`; on failure discards everything staged so far and throws. */
  write(target: string, contents: string | Uint8Array | FileWriter): void {
    const temporary = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
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

  /** Renames every temporary to its target, in the order written; returns the targets. */
  commit(): string[] {
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

  /** Removes every temporary not yet renamed. */
  discard(): void {
    for (const { temporary } of this.staged) removeQuietly(temporary);
    this.staged = [];
  }
}
