/** The BioFragment SSI side-chain dimers prepared for D1: interaction classes and a reproducible order. */
import { DIMER_CLASSES, type DimerClass, type MoleculeJson } from '../../../src/data/formats.ts';
import { geometricCentre, roundTo, unit, type Vec3 } from '../../../src/data/geometry.ts';
import { seededRandom } from '../../../src/util/random.ts';
import type { DatabaseDimer } from './psi4-db.ts';

/**
 * C: net charge; A: only carbon and hydrogen; P: neutral with heteroatoms. The paper names N and O for P; the
 * sulfur of neutral Met and Cys side chains is counted as a heteroatom too, so every monomer has a class.
 */
export function monomerKind(molecule: MoleculeJson): 'C' | 'P' | 'A' {
  if (molecule.charge !== 0) return 'C';
  return molecule.species.every((s) => s === 'C' || s === 'H') ? 'A' : 'P';
}

export function dimerClass(a: MoleculeJson, b: MoleculeJson): DimerClass {
  const kinds = [monomerKind(a), monomerKind(b)].sort((x, y) => 'CPA'.indexOf(x) - 'CPA'.indexOf(y));
  return kinds.join('') as DimerClass;
}

export interface PreparedDimer {
  readonly id: string;
  readonly class: DimerClass;
  readonly a: MoleculeJson;
  readonly b: MoleculeJson;
  readonly direction: Vec3;
}

const rounded = (m: MoleculeJson): MoleculeJson => ({
  ...m,
  positions: m.positions.map((x) => roundTo(x, 4)),
});

/** Coordinates to 1e-4 Å and the unit vector between geometric centres to 1e-6, as stored (and computed). */
export function prepareDimer(dimer: DatabaseDimer): PreparedDimer {
  const a = rounded(dimer.a);
  const b = rounded(dimer.b);
  const [ca, cb] = [geometricCentre(a.positions), geometricCentre(b.positions)];
  const u = unit([cb[0] - ca[0], cb[1] - ca[1], cb[2] - ca[2]]);
  const direction: Vec3 = [roundTo(u[0], 6), roundTo(u[1], 6), roundTo(u[2], 6)];
  return { id: dimer.id, class: dimerClass(a, b), a, b, direction };
}

/** Seed of the per-class shuffle: changing it changes which dimers a subset takes. */
const ORDER_SEED = 2021;

/** Round-robin over the six classes, each shuffled reproducibly: any prefix samples every class evenly. */
export function classBalancedOrder<T extends { readonly class: DimerClass }>(items: readonly T[]): T[] {
  const random = seededRandom(ORDER_SEED);
  const queues = DIMER_CLASSES.map((cls) => {
    const queue = items.filter((item) => item.class === cls);
    for (let i = queue.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [queue[i], queue[j]] = [queue[j]!, queue[i]!];
    }
    return queue;
  });
  const out: T[] = [];
  for (let round = 0; out.length < items.length; round++) {
    for (const queue of queues) if (round < queue.length) out.push(queue[round]!);
  }
  return out;
}
