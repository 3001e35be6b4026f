/**
 * Output files that appear together or not at all: each is written to a temporary name in its target's directory
 * (so the final rename stays on one filesystem) and renamed into place by commit(). On any failure every temporary
 * is removed, and a failed commit also takes back the files it had already renamed, so a failed run leaves none of
 * its files behind. Files may be written whole (write) or in pieces over a long computation (open), the pieces
 * written in the background while the computation goes on.
 */
import { close, closeSync, openSync, renameSync, rmSync, write as writeAt, writeFileSync } from 'node:fs';
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

/**
 * A staged file open for writing in pieces (see StagedFiles.open). Pieces are written in the background, in
 * order; a failed write shows at the next write, flush or commit.
 */
export interface StagedStream {
  readonly target: string;
  /**
   * Appends `contents`. A byte array is written as it is, not copied: it must not change until the write is done
   * (StagedFiles.flush, or drain to a bound it falls under).
   */
  write(contents: Uint8Array | string): void;
}

/** A file written in pieces: its descriptor, where the next piece goes, and the writes not yet done. */
interface Stream {
  fd: number | undefined;
  offset: number;
  /** Writes issued and not yet done. */
  pending: number;
  /** Resolves when every write issued so far is done (it never rejects: the first error is kept in `error`). */
  done: Promise<void>;
  error?: Error;
}

interface Staged {
  readonly temporary: string;
  readonly target: string;
  readonly stream?: Stream;
}

function isSystemError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && 'code' in error && typeof error.code === 'string';
}

function closeQuietly(fd: number): void {
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

/** Writes all of `bytes` at `position` on the thread pool (a write may do part of it; the rest follows). */
function writeFully(fd: number, bytes: Uint8Array, position: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const step = (done: number) => {
      if (done === bytes.length) return resolve();
      writeAt(fd, bytes, done, bytes.length - done, position + done, (error, written) => {
        if (error) reject(error);
        else step(done + written);
      });
    };
    step(0);
  });
}

export class StagedFiles {
  private staged: Staged[] = [];
  /** Writes of open streams not yet done, oldest first. */
  private inflight: { done: Promise<void>; bytes: number }[] = [];
  private inflightBytes = 0;
  /** Descriptors being closed once their last writes are done (see discard). */
  private closing: Promise<void>[] = [];

  /**
   * Runs `stage` (which writes files) and commits them; if it throws, whatever it had staged is removed. Returns
   * the paths written. Files written in pieces (open) need togetherAsync.
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

  /**
   * The asynchronous form of together: `stage` may await (a long computation that lets signals in), and what it
   * wrote in pieces is flushed before the commit. On failure the temporaries are removed and, once their last
   * writes are done, closed before this settles.
   */
  static async togetherAsync(stage: (files: StagedFiles) => Promise<void>): Promise<string[]> {
    const files = new StagedFiles();
    try {
      await stage(files);
      await files.flush();
      return files.commit();
    } finally {
      files.discard();
      await Promise.all(files.closing);
    }
  }

  /** Bytes of pieces given to open streams and not yet written. */
  get pendingBytes(): number {
    return this.inflightBytes;
  }

  /**
   * Resolves once no more than `maxBytes` are waiting to be written, so that a producer faster than the disk holds
   * a bounded amount of output in memory; rejects with an OutputError (everything discarded) if a write failed.
   */
  async drain(maxBytes: number): Promise<void> {
    while (this.inflightBytes > maxBytes && this.inflight.length > 0) await this.inflight[0]!.done;
    this.throwIfFailed();
  }

  /** Resolves once every piece is written (rejects as drain does). */
  flush(): Promise<void> {
    return this.drain(0);
  }

  /**
   * Opens a temporary next to `target` for writing in pieces (output written while it is computed); it is closed
   * and renamed by commit, or removed by discard. On failure discards everything staged so far and throws.
   */
  open(target: string): StagedStream {
    const temporary = temporaryFor(target);
    let stream: Stream;
    try {
      stream = { fd: openSync(temporary, 'wx'), offset: 0, pending: 0, done: Promise.resolve() };
    } catch (error) {
      this.discard();
      throw isSystemError(error) ? new OutputError(target, error) : error;
    }
    const staged = { temporary, target, stream };
    this.staged.push(staged);
    return { target, write: (contents) => this.append(staged, contents) };
  }

  private append(staged: Staged & { stream: Stream }, contents: Uint8Array | string): void {
    this.throwIfFailed();
    const { stream } = staged;
    if (stream.fd === undefined) throw new Error(`'${staged.target}' is no longer open`);
    const bytes = typeof contents === 'string' ? Buffer.from(contents) : contents;
    if (bytes.length === 0) return;
    // Positioned writes need no ordering among themselves; `done` follows the last one issued.
    const written = writeFully(stream.fd, bytes, stream.offset).catch((error: unknown) => {
      stream.error ??= error instanceof Error ? error : new Error(String(error));
    });
    stream.offset += bytes.length;
    const previous = stream.done;
    stream.done = Promise.all([previous, written]).then(() => undefined);
    const entry = { done: written, bytes: bytes.length };
    this.inflight.push(entry);
    this.inflightBytes += bytes.length;
    stream.pending++;
    void written.then(() => {
      this.inflight.splice(this.inflight.indexOf(entry), 1);
      this.inflightBytes -= entry.bytes;
      stream.pending--;
    });
  }

  /** The first failed background write, as an OutputError naming its file, after discarding everything. */
  private throwIfFailed(): void {
    const failed = this.staged.find((s) => s.stream?.error !== undefined);
    if (!failed) return;
    const error = failed.stream!.error!;
    this.discard();
    throw isSystemError(error) ? new OutputError(failed.target, error) : error;
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

  /**
   * Closes the files written in pieces (which must be flushed), then renames every temporary to its target, in the
   * order staged; returns the targets.
   */
  commit(): string[] {
    if (this.inflightBytes > 0) throw new Error('StagedFiles.commit: writes still in progress (flush first)');
    this.throwIfFailed();
    for (const { target, stream } of this.staged) {
      if (stream?.fd === undefined) continue;
      const fd = stream.fd;
      stream.fd = undefined;
      try {
        closeSync(fd); // where a delayed write error (NFS, quota) shows
      } catch (error) {
        this.discard();
        throw isSystemError(error) ? new OutputError(target, error) : error;
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

  /**
   * Removes every temporary not yet renamed. A file still being written is closed once its writes are done (its
   * descriptor cannot be reused under them); togetherAsync waits for that.
   */
  discard(): void {
    for (const { temporary, stream } of this.staged) {
      removeQuietly(temporary);
      if (stream?.fd === undefined) continue;
      const fd = stream.fd;
      stream.fd = undefined;
      if (stream.pending === 0) closeQuietly(fd);
      else this.closing.push(stream.done.then(() => new Promise((resolve) => close(fd, () => resolve()))));
    }
    this.staged = [];
  }
}
