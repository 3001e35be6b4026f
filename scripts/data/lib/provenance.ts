/** Provenance records and checksums of the generated files. */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ProvenanceRecord } from '../../../src/data/formats.ts';
import { roundTo } from '../../../src/data/geometry.ts';
import type { Outcome } from './runner.ts';

export type ProgramInfo = Omit<
  ProvenanceRecord,
  'date' | 'points' | 'wallSeconds' | 'meanPointSeconds' | 'failures'
>;

/** Completes a program description with the run's statistics over the outcomes the file uses. */
export function provenanceRecord(
  info: ProgramInfo,
  outcomes: ReadonlyMap<string, Outcome>,
): ProvenanceRecord {
  let points = 0;
  let wall = 0;
  const failures: { id: string; reason: string }[] = [];
  for (const [id, outcome] of outcomes) {
    if (outcome.ok) {
      points++;
      wall += outcome.wallSeconds;
    } else failures.push({ id, reason: outcome.reason });
  }
  return {
    ...info,
    date: new Date().toISOString(),
    points,
    wallSeconds: roundTo(wall, 1),
    meanPointSeconds: roundTo(points ? wall / points : 0, 3),
    failures,
  };
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Writes a dataset and records its checksum in the SHA256SUMS beside it (`sha256sum -c SHA256SUMS` checks). */
export function writeWithChecksum(path: string, text: string): string {
  writeFileSync(path, text);
  const sums = join(dirname(path), 'SHA256SUMS');
  const name = basename(path);
  const lines = existsSync(sums) ? readFileSync(sums, 'utf8').split('\n').filter(Boolean) : [];
  const digest = sha256(text);
  const kept = lines.filter((line) => !line.endsWith(`  ${name}`));
  writeFileSync(
    sums,
    [...kept, `${digest}  ${name}`].sort((a, b) => a.slice(66).localeCompare(b.slice(66))).join('\n') + '\n',
  );
  return digest;
}
