/**
 * The fields lesson's slice updates, timed through its worker session in this process (the page adds one message
 * and the copy of two 256² Float32Arrays): V of a 100-atom random cluster around one atom on a 256×256 slice. The
 * first slice builds the radial tables and the exact field; with the tables of every n_max built (as the lesson's
 * background requests do), an l_max move picks a cached column and an n_max move re-evaluates the expansion on the
 * slice (cycling through more n_max values than the session caches, so none is served from its cache). Then the Li
 * slab with water, periodic in its plane: its first slice and a change of plane, where V is an Ewald sum at every
 * pixel; and a triclinic bulk pasted as extended XYZ and read back from its link, as the page does. Each time is given as wall time and as this process's CPU time, which is what the wall time would be on an idle machine.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { randomCluster } from '../../src/chem/builders.ts';
import { writeExtXyz } from '../../src/chem/extxyz.ts';
import { makeStructure, type Cell } from '../../src/chem/structure.ts';
import { readPastedStructure } from '../../src/experiments/fields/paste.ts';
import { encodeStructure } from '../../src/experiments/fields/structure-link.ts';
import { loadD3 } from '../../src/data/d3.ts';
import { FieldsSession, type FieldsRequest } from '../../src/experiments/fields/session.ts';
import { FIELDS_NMAX, params, SLICE_RESOLUTION } from '../../src/experiments/fields/spec.ts';
import { defaultValues, sessionValues } from '../../src/experiments/params.ts';
import { median } from '../lib/bench-cli.ts';

/** Milliseconds of wall time and of this process's CPU time. */
export interface Timing {
  readonly wallMs: number;
  readonly cpuMs: number;
}

export interface FieldSliceTimings {
  readonly atoms: number;
  readonly resolution: number;
  readonly first: Timing;
  /** Medians. */
  readonly lmaxMove: Timing;
  readonly nmaxMove: Timing;
  readonly raw: { readonly lmax: Timing[]; readonly nmax: Timing[] };
  /** The Li slab with water (periodic in its plane): its first V slice, and a new plane (the Ewald sums at every pixel). */
  readonly slab: { readonly atoms: number; readonly first: Timing; readonly planeMove: Timing };
  /** A pasted triclinic bulk (3D Ewald sums), the same two steps. */
  readonly pastedBulk: { readonly atoms: number; readonly first: Timing; readonly planeMove: Timing };
}

const ATOMS = 100;

/** The cluster is pasted: no example dataset is needed. */
const clusterOnly = {
  chargedDimers: () => Promise.reject(new Error('not part of this benchmark')),
  liWater: () => Promise.reject(new Error('not part of this benchmark')),
};
/** n_max values visited in turn: more than the session caches slices for, so none is served from its cache. */
export const N_CYCLE = [5, 6, 7, 9, 10, 11, 12];

/** The structure the fields benchmarks time: a 100-atom random H/C/O cluster. */
export function benchCluster(): { species: string[]; positions: number[] } {
  const cluster = randomCluster({
    atoms: ATOMS,
    species: ['H', 'C', 'O'],
    density: 0.1,
    minDistance: 0.8,
    seed: 20210,
  });
  return { species: [...cluster.species], positions: [...cluster.positions] };
}

async function timed(session: FieldsSession, request: FieldsRequest): Promise<Timing> {
  const start = performance.now();
  const cpu = process.cpuUsage();
  await session.seriesFor(request);
  const { user, system } = process.cpuUsage(cpu);
  return { wallMs: performance.now() - start, cpuMs: (user + system) / 1000 };
}

const medianOf = (timings: readonly Timing[]): Timing => ({
  wallMs: median(timings.map((t) => t.wallMs)),
  cpuMs: median(timings.map((t) => t.cpuMs)),
});

/** The slab example at the cluster request's hyper-parameters (radial tables already built). */
async function measureSlabSlices(cluster: FieldsRequest): Promise<FieldSliceTimings['slab']> {
  const file = fileURLToPath(new URL('../../public/data/d3-li-water.json', import.meta.url));
  const liWater = loadD3(JSON.parse(readFileSync(file, 'utf8')));
  const session = new FieldsSession({ ...clusterOnly, liWater: () => Promise.resolve(liWater) });
  const request: FieldsRequest = { ...cluster, structure: 'li-slab-water', plane: 'xz' };
  const first = await timed(session, request);
  const planeMove = await timed(session, { ...request, plane: 'yz' });
  const series = await session.seriesFor(request);
  return { atoms: series!.structure.species.length, first, planeMove };
}

/** A water-like triple in a triclinic cell (4.1, 4.3, 4.6 Å), repeated 4×3×3: 108 atoms, as extended XYZ. */
function triclinicBulk(): string {
  const cell: Cell = [4.1, 0, 0, 1, 4.3, 0, 0.5, 0.8, 4.6];
  const triple = [0.2, 0.3, 0.1, 1.1, 0.5, 0.4, 0, 1.2, 0.6];
  const repeats = [4, 3, 3];
  const species: string[] = [];
  const positions: number[] = [];
  for (let i = 0; i < repeats[0]!; i++)
    for (let j = 0; j < repeats[1]!; j++)
      for (let k = 0; k < repeats[2]!; k++) {
        species.push('O', 'H', 'H');
        for (let atom = 0; atom < 3; atom++)
          for (let x = 0; x < 3; x++)
            positions.push(triple[3 * atom + x]! + i * cell[x] + j * cell[3 + x] + k * cell[6 + x]);
      }
  const supercell = cell.map((v, q) => v * repeats[Math.floor(q / 3)]!) as readonly number[] as Cell;
  return writeExtXyz([makeStructure(species, positions, { cell: supercell, pbc: [true, true, true] })]);
}

/** The triclinic bulk pasted and read back from its link, at the cluster request's hyper-parameters. */
async function measurePastedBulk(cluster: FieldsRequest): Promise<FieldSliceTimings['pastedBulk']> {
  const read = readPastedStructure(triclinicBulk());
  if (!read.ok) throw new Error(read.message);
  const session = new FieldsSession(clusterOnly);
  const request: FieldsRequest = {
    ...cluster,
    pastedStructure: undefined,
    pasted: await encodeStructure(read.structure),
    plane: 'xz',
  };
  const first = await timed(session, request);
  const planeMove = await timed(session, { ...request, plane: 'yz' });
  return { atoms: read.structure.species.length, first, planeMove };
}

export async function measureFieldSlices(runs: number): Promise<FieldSliceTimings> {
  const request: FieldsRequest = {
    ...(sessionValues(params, defaultValues(params)) as FieldsRequest),
    structure: 'pasted',
    pastedStructure: benchCluster(),
    field: 'potential',
    lMax: 8,
  };
  const session = new FieldsSession(clusterOnly);
  const first = await timed(session, request);
  for (let n = 1; n <= FIELDS_NMAX; n++) await session.seriesFor({ ...request, nMax: n, part: 'errors' });
  const lmax: Timing[] = [];
  for (let i = 0; i <= runs; i++) {
    const ms = await timed(session, { ...request, lMax: 3 + 2 * (i % 2) });
    if (i > 0) lmax.push(ms);
  }
  const nmax: Timing[] = [];
  for (let i = 0; i <= runs; i++) {
    const ms = await timed(session, { ...request, nMax: N_CYCLE[i % N_CYCLE.length]! });
    if (i > 0) nmax.push(ms);
  }
  const slab = await measureSlabSlices(request);
  const pastedBulk = await measurePastedBulk(request);
  return {
    slab,
    pastedBulk,
    atoms: ATOMS,
    resolution: SLICE_RESOLUTION,
    first,
    lmaxMove: medianOf(lmax),
    nmaxMove: medianOf(nmax),
    raw: { lmax, nmax },
  };
}
