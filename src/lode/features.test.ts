import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseExtXyz } from '../chem/extxyz.ts';
import { makeStructure, type Structure } from '../chem/structure.ts';
import { StructureInputError } from './errors.ts';
import { expandStructure, speciesChannels } from './expansion.ts';
import {
  columnsUpToLmax,
  computeFeatures,
  labelName,
  selectColumns,
  type FeatureKind,
  type FeatureRequest,
} from './features.ts';
import { HyperParameterError, validateHypers, type LodeHypers } from './hypers.ts';
import { radialTables } from './radial-tables.ts';
import {
  applyMatrix,
  INVERSION,
  permuteAtoms,
  randomRotation,
  transformStructure,
} from './testing/geometry.ts';
import { seededRandom } from '../util/random.ts';
import { maxRelativeDifference } from './testing/relative-difference.ts';

const dataset = fileURLToPath(new URL('../../public/data/charge-charge.xyz', import.meta.url));
/** Periodic on paper (pbc="T T T", a 30 Å box that only contains each dimer): featurised as clusters on purpose. */
const frames = parseExtXyz(readFileSync(dataset, 'utf8'));
const hypers: LodeHypers = { cutoff: 3, sigma: 0.3, nMax: 4, lMax: 3, species: ['H', 'C', 'N', 'O'] };
const kinds: FeatureKind[] = ['rho-rho', 'rho-V', 'V-V'];
const sample = [frames[0], frames[57], frames[129]];

function features(structures: Structure[], extra: Partial<FeatureRequest> = {}) {
  return computeFeatures({
    structures,
    hypers,
    kinds,
    vectorKinds: ['rho-V'],
    periodic: 'as-clusters',
    ...extra,
  });
}

describe('invariance of ρ⊗ρ, ρ⊗V, V⊗V on charge-charge.xyz frames (PHYSICS §6.2)', () => {
  const reference = features(sample, { perAtom: true });
  const random = seededRandom(7);

  it('to rotations', () => {
    const rotated = sample.map((s) => transformStructure(s, randomRotation(random)));
    expect(
      maxRelativeDifference(reference.invariants, features(rotated, { perAtom: true }).invariants),
    ).toBeLessThan(1e-10);
  });

  it('to inversion and translation', () => {
    const moved = sample.map((s) => transformStructure(s, INVERSION, [3.3, -7.1, 12.5]));
    expect(
      maxRelativeDifference(reference.invariants, features(moved, { perAtom: true }).invariants),
    ).toBeLessThan(1e-10);
  });

  it('to permutations of atoms (per-structure sums; per-atom rows follow the atoms)', () => {
    const perStructure = features(sample);
    const orders = sample.map((s) => {
      const order = s.species.map((_, i) => i);
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      return order;
    });
    const permuted = features(sample.map((s, k) => permuteAtoms(s, orders[k])));
    expect(maxRelativeDifference(perStructure.invariants, permuted.invariants)).toBeLessThan(1e-12);
  });
});

describe('λ = 1 features (PHYSICS §6.3)', () => {
  const reference = features(sample);
  const width = reference.vectorLabels.length;

  it('rotate as polar vectors: T(R·A) = R·T(A)', () => {
    const rotation = randomRotation(seededRandom(11));
    const rotated = features(sample.map((s) => transformStructure(s, rotation)));
    const expected = new Float64Array(reference.vectors.length);
    for (let i = 0; i < reference.vectors.length; i += 3)
      expected.set(applyMatrix(rotation, reference.vectors, i), i);
    expect(width).toBeGreaterThan(0);
    expect(maxRelativeDifference(expected, rotated.vectors)).toBeLessThan(1e-10);
  });

  it('flip sign under inversion', () => {
    const inverted = features(sample.map((s) => transformStructure(s, INVERSION)));
    const flipped = reference.vectors.map((x) => -x);
    expect(maxRelativeDifference(flipped, inverted.vectors)).toBeLessThan(1e-10);
  });

  it('a single neighbour along x gives vectors along x', () => {
    const pair = makeStructure(['O', 'H'], [0, 0, 0, 1.1, 0, 0]);
    const v = features([pair], { centres: { mode: 'indices', indices: [[0]] } }).vectors;
    for (let i = 0; i < v.length; i += 3) {
      expect(Math.abs(v[i + 1])).toBeLessThan(1e-14);
      expect(Math.abs(v[i + 2])).toBeLessThan(1e-14);
    }
    expect(Math.max(...v.map(Math.abs))).toBeGreaterThan(1e-3);
  });
});

describe('feature assembly', () => {
  it('power spectra match a direct evaluation of (2l+1)^−1/2 Σ_m c¹ c² from the coefficients', () => {
    const structure = frames[3];
    const h = validateHypers(hypers);
    const tables = new Map((['density', 'potential'] as const).map((f) => [f, radialTables(h)[f]] as const));
    const centres = [0, 5, 17];
    const coeffs = expandStructure({
      structure,
      channels: speciesChannels(structure, h),
      centres,
      hypers: h,
      tables,
    });
    const result = features([structure], { perAtom: true, centres: { mode: 'indices', indices: [centres] } });
    const Q = h.species.length * h.nMax;
    const cols = result.invariantLabels.length;
    const channel = (a: string, n: number) => h.species.indexOf(a) * h.nMax + n;
    const perCentre = Q * (h.lMax + 1) ** 2;
    result.invariantLabels.forEach((label, col) => {
      const [f1, f2] = {
        'rho-rho': ['density', 'density'],
        'rho-V': ['density', 'potential'],
        'V-V': ['potential', 'potential'],
      }[label.kind] as ['density' | 'potential', 'density' | 'potential'];
      const q1 = channel(label.a1, label.n1);
      const q2 = channel(label.a2, label.n2);
      const symmetricWeight = f1 === f2 && q1 !== q2 ? Math.SQRT2 : 1;
      centres.forEach((_, c) => {
        let sum = 0;
        for (let k = label.l * label.l; k < (label.l + 1) ** 2; k++) {
          sum += coeffs.get(f1)![c * perCentre + k * Q + q1] * coeffs.get(f2)![c * perCentre + k * Q + q2];
        }
        const expected = (symmetricWeight * sum) / Math.sqrt(2 * label.l + 1);
        expect(result.invariants[c * cols + col]).toBeCloseTo(expected, 12);
      });
    });
  });

  it('structure rows are the sums of per-atom rows, by central species', () => {
    const perAtom = features(sample, { perAtom: true });
    const summed = features(sample);
    const blockWidth = perAtom.invariantLabels.length;
    const expected = new Float64Array(summed.invariants.length);
    perAtom.rowInfo.forEach(({ structure, atom }, row) => {
      const block = hypers.species.indexOf(sample[structure].species[atom]);
      summed.invariantLabels.forEach((label, col) => {
        if (label.centre !== hypers.species[block]) return;
        const local =
          col - summed.invariantLabels.findIndex((l) => l.kind === label.kind && l.centre === label.centre);
        const kindStart = perAtom.invariantLabels.findIndex((l) => l.kind === label.kind);
        expected[structure * summed.invariantLabels.length + col] +=
          perAtom.invariants[row * blockWidth + kindStart + local];
      });
    });
    expect(maxRelativeDifference(expected, summed.invariants)).toBeLessThan(1e-13);
  });

  it('masking to a smaller l_max equals computing at that l_max', () => {
    const full = features(sample);
    const small = computeFeatures({
      structures: sample,
      hypers: { ...hypers, lMax: 1 },
      kinds,
      vectorKinds: ['rho-V'],
      periodic: 'as-clusters',
    });
    const keep = columnsUpToLmax(full.invariantLabels, 1);
    expect(keep.length).toBe(small.invariantLabels.length);
    expect([...keep].map((i) => labelName(full.invariantLabels[i]))).toEqual(
      small.invariantLabels.map(labelName),
    );
    const masked = selectColumns(full.invariants, full.invariantLabels.length, keep);
    expect(maxRelativeDifference(small.invariants, masked)).toBeLessThan(1e-13);
    const keepVectors = columnsUpToLmax(full.vectorLabels, 1);
    const maskedVectors = selectColumns(full.vectors, full.vectorLabels.length, keepVectors, 3);
    expect(maxRelativeDifference(small.vectors, maskedVectors)).toBeLessThan(1e-13);
  });

  it('names every column uniquely', () => {
    const { invariantLabels, vectorLabels } = features(sample.slice(0, 1));
    const names = [...invariantLabels, ...vectorLabels].map(labelName);
    expect(new Set(names).size).toBe(names.length);
    expect(names[0]).toBe('rho-rho|centre=H|l=0|H0|H0');
  });

  it('labels each layout as its own when layouts alternate (recent layouts are reused)', () => {
    const one = sample.slice(0, 1);
    const requests: Partial<FeatureRequest>[] = [
      {},
      { kinds: ['V-V', 'rho-rho'] },
      { hypers: { ...hypers, species: ['O', 'N', 'C', 'H'] } },
      { perAtom: true },
      { hypers: { ...hypers, nMax: 2 } },
    ];
    for (let round = 0; round < 2; round++) {
      for (const extra of requests) {
        const result = features(one, extra);
        const request = { kinds, perAtom: false, ...extra, hypers: extra.hypers ?? hypers };
        const { invariantLabels } = result;
        expect(invariantLabels.length * result.rows).toBe(result.invariants.length);
        expect(new Set(invariantLabels.map((l) => l.kind))).toEqual(new Set(request.kinds));
        expect(invariantLabels[0].kind).toBe(request.kinds[0]);
        expect(invariantLabels[0].a1).toBe(request.hypers.species[0]);
        expect(Math.max(...invariantLabels.map((l) => l.n1))).toBe(request.hypers.nMax - 1);
        expect(invariantLabels[0].centre === null).toBe(request.perAtom);
      }
    }
  });

  it('restricts centres to chosen species', () => {
    const oxygenOnly = features(sample, { centres: { mode: 'species', species: ['O'] } });
    expect(new Set(oxygenOnly.invariantLabels.map((l) => l.centre))).toEqual(new Set(['O']));
  });
});

describe('periodic structures (pbc): periodic features by default, clusters on request', () => {
  const frame = frames[57];
  const cluster = makeStructure(frame.species, frame.positions);
  const run = (structures: Structure[], extra: Partial<FeatureRequest> = {}) =>
    computeFeatures({ structures, hypers, kinds, vectorKinds: ['rho-V'], perAtom: true, ...extra });
  const periodicAs = (pbc: [boolean, boolean, boolean], cell = frame.cell) =>
    makeStructure(frame.species, frame.positions, { cell, pbc });

  it('the paper file declares every frame periodic', () => {
    expect(frame.pbc).toEqual([true, true, true]);
    expect(frame.cell).toBeDefined();
    expect(cluster.pbc).toBeUndefined();
  });

  it('are featurised as periodic systems by default (their images and background change the potential)', () => {
    const periodic = run([frame]);
    const reference = run([cluster]);
    const rhoRho = periodic.invariantLabels.flatMap((label, k) => (label.kind === 'rho-rho' ? [k] : []));
    // The 30 Å box puts every image beyond the density's reach, but not beyond the potential's.
    for (const k of rhoRho) expect(periodic.invariants[k]).toBe(reference.invariants[k]);
    expect(maxRelativeDifference(reference.invariants, periodic.invariants)).toBeGreaterThan(1e-3);
  });

  it("with periodic: 'as-clusters' gives bitwise the features of the same atoms without cell and pbc", () => {
    const asCluster = run([frame], { periodic: 'as-clusters' });
    const reference = run([cluster]);
    expect(asCluster.invariants).toEqual(reference.invariants);
    expect(asCluster.vectors).toEqual(reference.vectors);
    expect(asCluster.invariants.some((x) => x !== 0)).toBe(true);
  });

  it('accepts a cell whose pbc flags are all false as a cluster', () => {
    expect(run([periodicAs([false, false, false])]).invariants).toEqual(run([cluster]).invariants);
  });

  it('rejects a pbc flag without a cell, periodicity along one vector, and atoms on a periodic image', () => {
    const noCell = makeStructure(frame.species, frame.positions, { pbc: [true, true, true] });
    expect(() => run([cluster, noCell])).toThrow(StructureInputError);
    expect(() => run([cluster, noCell])).toThrow(
      /^structure 1: periodic \(a pbc flag is T\) but has no cell/,
    );
    expect(() => run([periodicAs([false, false, true])])).toThrow(
      /^structure 0: periodic along one cell vector/,
    );
    const flat = periodicAs([true, true, false], [3, 0, 0, 6, 0, 0, 0, 0, 10]);
    expect(() => run([flat])).toThrow(/^structure 0: the two periodic cell vectors are parallel/);
    const cell = [3, 0, 0, 0, 3, 0, 0, 0, 3] as const;
    const onImage = makeStructure(['O', 'H'], [0, 0, 0, 3, 3, 0], { cell, pbc: [true, true, true] });
    expect(() => run([onImage])).toThrow(/^structure 0: atoms 0 and 1 sit on the same point/);
    // Across the wrap of the fractional coordinates (0 and almost 1), and in a skewed cell.
    const skewed = [3, 0, 0, 1.2, 2.8, 0, 0.4, -0.3, 3.1] as const;
    const across = makeStructure(['O', 'H', 'H'], [1e-12, 0.5, 1, 1.5, 1.5, 1.5, 3 - 1e-12, 0.5, 1], {
      cell: skewed,
      pbc: [true, true, true],
    });
    expect(() => run([across])).toThrow(/^structure 0: atoms 0 and 2 sit on the same point/);
    // One pair on the same point among many atoms, one of them moved by a lattice vector.
    const many = Array.from({ length: 60 }, (_, i) => [(i * 0.37) % 3, (i * 0.71) % 2.8, (i * 0.53) % 3.1]);
    many[41] = [many[17]![0]! + 1.2, many[17]![1]! + 2.8, many[17]![2]!];
    const crowd = makeStructure(
      Array.from({ length: 60 }, () => 'H'),
      many.flat(),
      {
        cell: skewed,
        pbc: [true, true, true],
      },
    );
    expect(() => run([crowd])).toThrow(/^structure 0: atoms 17 and 41 sit on the same point/);
  });

  it('finds atoms on the same point across a face of the candidates’ grid, among many atoms of a slab', () => {
    // A square slab cell of side L: the grid's in-plane cells are L/2¹⁶ wide in x, its cells along the normal (z)
    // 1e−3 Å. The pair sits 1e−9 Å apart, on either side of a face in x, in z, or of both at once (a corner).
    const L = 12;
    const cell = [L, 0, 0, 0, L, 0, 0, 0, 30] as const;
    const face = (L * 1234) / 2 ** 16;
    const layers = Array.from({ length: 60 }, (_, i) => [
      1.1 * (i % 10),
      1.9 * Math.floor(i / 10) + 0.3,
      2 + (i % 3),
    ]);
    for (const [dx, dz] of [
      [5e-10, 0],
      [0, 5e-10],
      [5e-10, 5e-10],
    ]) {
      const pair = [
        [face - dx, 5.5, 7 - dz],
        [face + dx, 5.5, 7 + dz],
      ];
      const slab = makeStructure(
        Array.from({ length: 62 }, () => 'H'),
        [...layers, ...pair].flat(),
        { cell, pbc: [true, true, false] },
      );
      expect(() => run([slab])).toThrow(/^structure 0: atoms 60 and 61 sit on the same point/);
    }
  });

  it('rejects unknown periodic and Ewald options', () => {
    const bad = { periodic: 'wrap' } as unknown as Partial<FeatureRequest>;
    expect(() => run([cluster], bad)).toThrow(RangeError);
    expect(() => run([frame], { ewald: { accuracy: 0 } })).toThrow(/^ewald.accuracy: expected a number in/);
    expect(() => run([frame], { ewald: { eta: 0.1 } })).toThrow(/^ewald.eta: expected a finite width ≥ σ/);
  });
});

describe('bad input gives typed errors', () => {
  const water = makeStructure(['O', 'H', 'H'], [0, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0]);
  const run = (s: Structure, h: Partial<LodeHypers> = {}) =>
    computeFeatures({ structures: [s], hypers: { ...hypers, ...h }, kinds: ['rho-V'] });

  it('unknown species, overlapping atoms, non-finite positions', () => {
    expect(() => run(makeStructure(['O', 'S'], [0, 0, 0, 2, 0, 0]))).toThrow(StructureInputError);
    expect(() => run(makeStructure(['O', 'H'], [0, 0, 0, 0, 0, 0]))).toThrow(/same point/);
    // On either side of a cell of the candidates' grid, among many atoms.
    const spread = Array.from({ length: 50 }, (_, i) => [
      1.1 * (i % 5),
      1.3 * Math.floor(i / 5),
      0.7 * (i % 3),
    ]);
    spread.push([-1e-12, 4.55, 1e-12], [1e-12, 4.55, -1e-12]);
    expect(() =>
      run(
        makeStructure(
          Array.from({ length: 52 }, () => 'H'),
          spread.flat(),
        ),
      ),
    ).toThrow(/atoms 50 and 51 sit on the same point/);
    expect(() => run(makeStructure(['O', 'H'], [0, 0, 0, Number.NaN, 0, 0]))).toThrow(/NaN/);
  });

  it.each([
    [{ cutoff: -1 }, 'cutoff'],
    [{ sigma: 0 }, 'sigma'],
    [{ sigma: 4 }, 'sigma'],
    [{ nMax: 0 }, 'nMax'],
    [{ nMax: 2.5 }, 'nMax'],
    [{ lMax: 11 }, 'lMax'],
    [{ cutoff: Number.POSITIVE_INFINITY }, 'cutoff'],
    [{ species: [] }, 'species'],
    [{ species: ['H', 'Xx'] }, 'species'],
    [{ species: ['H', 'H'] }, 'species'],
  ] as [Partial<LodeHypers>, string][])('rejects %o', (bad, parameter) => {
    try {
      run(water, bad);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(HyperParameterError);
      expect((e as HyperParameterError).parameter).toBe(parameter);
    }
  });
});
