import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OutputError, StagedFiles } from './staged-files.ts';

const root = mkdtempSync(join(tmpdir(), 'staged-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const fresh = () => mkdtempSync(join(root, 'case-'));

function caught(step: () => void): OutputError {
  try {
    step();
  } catch (error) {
    expect(error).toBeInstanceOf(OutputError);
    return error as OutputError;
  }
  throw new Error('no error');
}

describe('StagedFiles', () => {
  it('shows nothing under the final names until commit, then all files at once', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'a.txt'), 'old');
    const files = new StagedFiles();
    files.write(join(dir, 'a.txt'), 'new a');
    files.write(join(dir, 'b.bin'), Uint8Array.of(1, 2, 3));
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('old');
    expect(readdirSync(dir).filter((f) => f === 'b.bin')).toEqual([]);
    expect(files.commit()).toEqual([join(dir, 'a.txt'), join(dir, 'b.bin')]);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('new a');
    expect([...readFileSync(join(dir, 'b.bin'))]).toEqual([1, 2, 3]);
    expect(readdirSync(dir).sort()).toEqual(['a.txt', 'b.bin']);
  });

  it('names the file whose write failed and removes what was staged before it', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'not-a-dir'), '');
    const files = new StagedFiles();
    files.write(join(dir, 'first.npy'), 'x');
    const error = caught(() => files.write(join(dir, 'not-a-dir', 'second.json'), 'y'));
    expect(error.path).toBe(join(dir, 'not-a-dir', 'second.json'));
    expect(error.code).toBe('ENOTDIR');
    expect(readdirSync(dir)).toEqual(['not-a-dir']);
  });

  it('removes the temporaries when a writer callback throws, and lets its error through', () => {
    const dir = fresh();
    const files = new StagedFiles();
    files.write(join(dir, 'a'), 'x');
    expect(() =>
      files.write(join(dir, 'b'), () => {
        throw new RangeError('encoder failed');
      }),
    ).toThrow(RangeError);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('on a failed rename names the target, takes back the files already renamed and removes the rest', () => {
    const dir = fresh();
    const files = new StagedFiles();
    files.write(join(dir, 'one.npy'), '1');
    files.write(join(dir, 'two.json'), '2');
    files.write(join(dir, 'three.npy'), '3');
    mkdirSync(join(dir, 'two.json')); // appears between staging and commit
    writeFileSync(join(dir, 'two.json', 'inside'), '');
    const error = caught(() => files.commit());
    expect(error.path).toBe(join(dir, 'two.json'));
    expect(readdirSync(dir)).toEqual(['two.json']);
  });

  it('together commits what the callback wrote, or removes it when the callback throws', () => {
    const dir = fresh();
    expect(StagedFiles.together((files) => files.write(join(dir, 'ok'), 'x'))).toEqual([join(dir, 'ok')]);
    expect(() =>
      StagedFiles.together((files) => {
        files.write(join(dir, 'staged'), 'x');
        throw new RangeError('Invalid string length');
      }),
    ).toThrow(RangeError);
    expect(readdirSync(dir)).toEqual(['ok']);
  });

  it('discard removes every temporary', () => {
    const dir = fresh();
    const files = new StagedFiles();
    files.write(join(dir, 'a'), 'x');
    files.write(join(dir, 'b'), 'y');
    files.discard();
    expect(readdirSync(dir)).toEqual([]);
  });

  /** Descriptors this process has open (Linux), to see that failures close what open() opened. */
  const openDescriptors = () => (existsSync('/proc/self/fd') ? readdirSync('/proc/self/fd').length : 0);

  it('open writes files in pieces, interleaved, shown only at commit', async () => {
    const dir = fresh();
    const files = new StagedFiles();
    const values = files.open(join(dir, 'values.npy'));
    const labels = files.open(join(dir, 'labels.json'));
    files.write(join(dir, 'whole.txt'), 'whole');
    for (let i = 0; i < 3; i++) {
      values.write(Uint8Array.of(i, i));
      labels.write(`row ${i}\n`);
    }
    expect(readdirSync(dir).filter((f) => !f.endsWith('.tmp'))).toEqual([]);
    expect(() => files.commit()).toThrow(/flush first/);
    await files.flush();
    expect(files.pendingBytes).toBe(0);
    expect(files.commit()).toEqual(['values.npy', 'labels.json', 'whole.txt'].map((f) => join(dir, f)));
    expect([...readFileSync(join(dir, 'values.npy'))]).toEqual([0, 0, 1, 1, 2, 2]);
    expect(readFileSync(join(dir, 'labels.json'), 'utf8')).toBe('row 0\nrow 1\nrow 2\n');
    expect(readdirSync(dir).sort()).toEqual(['labels.json', 'values.npy', 'whole.txt']);
    expect(() => values.write('late')).toThrow(/no longer open/);
  });

  it('togetherAsync removes and closes the files opened when the stage fails after awaiting, and names an unopenable one', async () => {
    const dir = fresh();
    const before = openDescriptors();
    await expect(
      StagedFiles.togetherAsync(async (files) => {
        files.open(join(dir, 'a.npy')).write('partial');
        files.open(join(dir, 'b.json')).write('partial');
        await new Promise((resolve) => setTimeout(resolve, 1));
        throw new Error('interrupted');
      }),
    ).rejects.toThrow('interrupted');
    expect(readdirSync(dir)).toEqual([]);
    expect(openDescriptors()).toBe(before);

    writeFileSync(join(dir, 'file'), '');
    const files = new StagedFiles();
    files.open(join(dir, 'first')).write('x');
    await files.flush();
    const error = caught(() => files.open(join(dir, 'file', 'second')));
    expect(error.path).toBe(join(dir, 'file', 'second'));
    expect(readdirSync(dir)).toEqual(['file']);
    expect(openDescriptors()).toBe(before);

    const written = await StagedFiles.togetherAsync(async (files) => {
      files.open(join(dir, 'ok')).write('done');
    });
    expect(written).toEqual([join(dir, 'ok')]);
    expect(readFileSync(join(dir, 'ok'), 'utf8')).toBe('done');
    expect(openDescriptors()).toBe(before);
  });

  it('drain bounds the bytes waiting to be written; the arrays written are not copied', async () => {
    const dir = fresh();
    const files = new StagedFiles();
    const stream = files.open(join(dir, 'big.bin'));
    const pieces = Array.from({ length: 20 }, (_, i) => new Uint8Array(1 << 20).fill(i));
    for (const piece of pieces) stream.write(piece);
    expect(files.pendingBytes).toBe(20 << 20);
    await files.drain(4 << 20);
    expect(files.pendingBytes).toBeLessThanOrEqual(4 << 20);
    await files.flush();
    files.commit();
    const bytes = readFileSync(join(dir, 'big.bin'));
    expect(bytes.length).toBe(20 << 20);
    for (let i = 0; i < 20; i++) expect(bytes[(i << 20) + 12345]).toBe(i);
  });

  it.runIf(existsSync('/proc/self/fd'))(
    'reports a failed background write as an OutputError naming the file, and removes everything',
    async () => {
      const dir = fresh();
      const files = new StagedFiles();
      files.write(join(dir, 'whole.txt'), 'x');
      const stream = files.open(join(dir, 'values.npy'));
      // Close the temporary's descriptor behind the stream's back: its next write fails with EBADF.
      const fd = readdirSync('/proc/self/fd').find((n) => {
        try {
          return /\.values\.npy\.\w+\.tmp$/.test(readlinkSync(`/proc/self/fd/${n}`));
        } catch {
          return false;
        }
      });
      closeSync(Number(fd));
      stream.write('lost');
      let error: unknown;
      await files.flush().catch((e: unknown) => (error = e));
      expect(error).toBeInstanceOf(OutputError);
      expect((error as OutputError).path).toBe(join(dir, 'values.npy'));
      expect((error as OutputError).code).toBe('EBADF');
      expect(readdirSync(dir)).toEqual([]);
    },
  );
});
