/**
 * A large extended-XYZ file of small molecules, for tests and benchmarks of the streaming CLI: each frame is a water
 * and a carbon dioxide molecule, each turned at random, 3–6 Å apart in a random direction (seeded, reproducible).
 */
import { writeSync } from 'node:fs';
import { seededRandom } from '../../../src/util/random.ts';

type Vec = [number, number, number];

const WATER: readonly [string, Vec][] = [
  ['O', [0, 0, 0]],
  ['H', [0.757, 0.586, 0]],
  ['H', [-0.757, 0.586, 0]],
];
const CO2: readonly [string, Vec][] = [
  ['C', [0, 0, 0]],
  ['O', [1.16, 0, 0]],
  ['O', [-1.16, 0, 0]],
];

/** A uniformly random rotation (from a random unit quaternion). */
function rotation(next: () => number): (v: Vec) => Vec {
  const [u1, u2, u3] = [next(), next(), next()];
  const [w, x, y, z] = [
    Math.sqrt(1 - u1) * Math.sin(2 * Math.PI * u2),
    Math.sqrt(1 - u1) * Math.cos(2 * Math.PI * u2),
    Math.sqrt(u1) * Math.sin(2 * Math.PI * u3),
    Math.sqrt(u1) * Math.cos(2 * Math.PI * u3),
  ];
  return ([a, b, c]) => [
    (1 - 2 * (y * y + z * z)) * a + 2 * (x * y - w * z) * b + 2 * (x * z + w * y) * c,
    2 * (x * y + w * z) * a + (1 - 2 * (x * x + z * z)) * b + 2 * (y * z - w * x) * c,
    2 * (x * z - w * y) * a + 2 * (y * z + w * x) * b + (1 - 2 * (x * x + y * y)) * c,
  ];
}

function frameText(next: () => number, index: number): string {
  const lines: string[] = [];
  const place = (molecule: readonly [string, Vec][], shift: Vec) => {
    const turn = rotation(next);
    for (const [symbol, position] of molecule) {
      const p = turn(position);
      lines.push(
        `${symbol} ${(p[0] + shift[0]).toFixed(6)} ${(p[1] + shift[1]).toFixed(6)} ${(p[2] + shift[2]).toFixed(6)}`,
      );
    }
  };
  place(WATER, [0, 0, 0]);
  const direction = rotation(next)([1, 0, 0]);
  const distance = 3 + 3 * next();
  place(CO2, [distance * direction[0], distance * direction[1], distance * direction[2]]);
  return `6\nProperties=species:S:1:pos:R:3 frame=${index}\n${lines.join('\n')}\n`;
}

/** Writes `frames` frames to the open descriptor `fd`, in blocks; returns the bytes written. */
export function writeSmallMolecules(fd: number, frames: number, seed = 7): number {
  const next = seededRandom(seed);
  let bytes = 0;
  for (let start = 0; start < frames; start += 1000) {
    const block: string[] = [];
    for (let i = start; i < Math.min(frames, start + 1000); i++) block.push(frameText(next, i));
    const buffer = Buffer.from(block.join(''));
    for (let done = 0; done < buffer.length;) done += writeSync(fd, buffer, done, buffer.length - done);
    bytes += buffer.length;
  }
  return bytes;
}
