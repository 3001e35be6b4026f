/**
 * The worker thread behind BatchReader (featurize-input.ts): reads the input's frames in batches, one batch per
 * message, so that the next batch is parsed while the engine computes the current one. Errors are sent back
 * as data (ExtXyzError with its frame and line, file system errors with their code) and re-created in the caller.
 */
import { parentPort } from 'node:worker_threads';
import { ExtXyzError } from '../../src/chem/extxyz.ts';
import type { Structure } from '../../src/chem/structure.ts';
import { frameBatches, type BatchJob, type BatchMessage, type FrameBatch } from './featurize-input.ts';

const port = parentPort!;
let batches: Generator<FrameBatch> | undefined;

function describe(error: unknown): BatchMessage {
  if (error instanceof ExtXyzError) {
    return { error: { kind: 'extxyz', frame: error.frame, line: error.line, detail: error.detail } };
  }
  const message = error instanceof Error ? error.message : String(error);
  const code =
    error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  return { error: { kind: 'other', message, code } };
}

/** The first message is the job (and asks for the first batch), every later one asks for the next batch. */
port.on('message', (message: { job: BatchJob } | 'next') => {
  let reply: BatchMessage;
  const transfer: ArrayBuffer[] = [];
  try {
    if (message !== 'next') {
      const { path, parse, rows, rowBytes, size, chunkBytes } = message.job;
      batches = frameBatches(path, parse, rows, rowBytes, size, chunkBytes);
    }
    const next = batches!.next();
    if (next.done) {
      reply = { done: true };
    } else {
      const { first, rows, atoms, structures } = next.value;
      const frames = structures.map(({ species, positions, cell, pbc }: Structure) => {
        transfer.push(positions.buffer as ArrayBuffer);
        return { species, positions, cell, pbc };
      });
      reply = { batch: { first, rows, atoms, frames } };
    }
  } catch (error) {
    reply = describe(error);
  }
  port.postMessage(reply, transfer);
});
