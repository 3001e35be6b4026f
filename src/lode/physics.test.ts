/** The physics the features must capture (PHYSICS §6.5 and §6.6), checked end to end. */
import { Matrix, solve } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { makeStructure, type Structure } from '../chem/structure.ts';
import { computeFeatures, type FeatureKind } from './features.ts';
import type { LodeHypers } from './hypers.ts';
import { applyMatrix, randomRotation, transformStructure } from './testing/geometry.ts';
import { seededRandom } from '../util/random.ts';

// Rigid water and CO2 with fixed point charges (e), centred on their middles.
const water = makeStructure(['O', 'H', 'H'], [0, 0, -0.066, 0.757, 0, 0.52, -0.757, 0, 0.52]);
const waterCharges = [-0.8, 0.4, 0.4];
const co2 = makeStructure(['C', 'O', 'O'], [0, 0, 0, 0, 0, 1.16, 0, 0, -1.16]);
const co2Charges = [0.7, -0.35, -0.35];

interface Dimer {
  dimer: Structure;
  a: Structure;
  b: Structure;
  energy: number;
}

function randomDimer(random: () => number, distance: number): Dimer {
  const a = transformStructure(water, randomRotation(random));
  const direction = applyMatrix(randomRotation(random), [0, 0, 1]);
  const b = transformStructure(co2, randomRotation(random), [
    distance * direction[0],
    distance * direction[1],
    distance * direction[2],
  ]);
  let energy = 0;
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      const r = Math.hypot(
        a.positions[3 * i] - b.positions[3 * j],
        a.positions[3 * i + 1] - b.positions[3 * j + 1],
        a.positions[3 * i + 2] - b.positions[3 * j + 2],
      );
      energy += (waterCharges[i] * co2Charges[j]) / r;
    }
  }
  const dimer = makeStructure([...a.species, ...b.species], [...a.positions, ...b.positions]);
  return { dimer, a, b, energy };
}

/** Binding features ΔX = X(AB) − X(A) − X(B), one row per dimer. */
function bindingFeatures(dimers: Dimer[], kind: FeatureKind, hypers: LodeHypers): Matrix {
  const run = (structures: Structure[]) => computeFeatures({ structures, hypers, kinds: [kind] });
  const ab = run(dimers.map((d) => d.dimer));
  const a = run(dimers.map((d) => d.a));
  const b = run(dimers.map((d) => d.b));
  const width = ab.invariantLabels.length;
  const x = new Matrix(dimers.length, width);
  for (let r = 0; r < dimers.length; r++) {
    for (let c = 0; c < width; c++) {
      const i = r * width + c;
      x.set(r, c, ab.invariants[i] - a.invariants[i] - b.invariants[i]);
    }
  }
  return x;
}

/** Test RMSE as a percentage of the test targets' standard deviation, for a lightly regularised least-squares fit. */
function rmsePercent(train: Dimer[], test: Dimer[], kind: FeatureKind, hypers: LodeHypers): number {
  const x = bindingFeatures(train, kind, hypers);
  const y = Matrix.columnVector(train.map((d) => d.energy));
  const xtx = x.transpose().mmul(x);
  const ridge = 1e-10 * Math.max(1e-300, xtx.trace() / xtx.rows);
  for (let i = 0; i < xtx.rows; i++) xtx.set(i, i, xtx.get(i, i) + ridge);
  const w = solve(xtx, x.transpose().mmul(y));
  const predicted = bindingFeatures(test, kind, hypers).mmul(w).to1DArray();
  const target = test.map((d) => d.energy);
  const mean = target.reduce((s, v) => s + v, 0) / target.length;
  const mse = target.reduce((s, v, i) => s + (v - predicted[i]) ** 2, 0) / target.length;
  const variance = target.reduce((s, v) => s + (v - mean) ** 2, 0) / target.length;
  return (100 * Math.sqrt(mse)) / Math.sqrt(variance);
}

describe('a fixed point-charge model of two rigid molecules (PHYSICS §6.5, paper eq. 19)', () => {
  const random = seededRandom(2021);
  // Beyond 7 Å no two atoms of different molecules are within r_c + 6σ: ρ⊗ρ sees nothing of the partner.
  const train = Array.from({ length: 60 }, () => randomDimer(random, 7 + 3 * random()));
  const test = Array.from({ length: 40 }, () => randomDimer(random, 7 + 7 * random()));
  const hypers: LodeHypers = { cutoff: 3, sigma: 0.3, nMax: 6, lMax: 0, species: ['H', 'C', 'O'] };

  it('is learned by a linear ρ⊗V model at l_max = 0 on held-out orientations and distances', () => {
    const rmse = rmsePercent(train, test, 'rho-V', hypers);
    console.info(`point-charge dimers, ρ⊗V l_max=0: test RMSE = ${rmse.toPrecision(3)} % of std`);
    expect(rmse).toBeLessThan(3);
  });

  it('is not learned by the local ρ⊗ρ model', () => {
    const rmse = rmsePercent(train, test, 'rho-rho', hypers);
    console.info(`point-charge dimers, ρ⊗ρ: test RMSE = ${rmse.toPrecision(3)} % of std`);
    expect(rmse).toBeGreaterThan(90);
  });
});

describe('basis independence (PHYSICS §6.6)', () => {
  it('linear kernels Σ_i x_i·x′_i from GTO and Legendre bases converge to each other', () => {
    const random = seededRandom(5);
    const a = randomDimer(random, 4.5).dimer;
    const b = randomDimer(random, 5.5).dimer;
    const kernel = (nMax: number, radialBasis: 'gto' | 'legendre') => {
      const hypers: LodeHypers = {
        cutoff: 3,
        sigma: 0.5,
        nMax,
        lMax: 2,
        species: ['H', 'C', 'O'],
        radialBasis,
      };
      const [fa, fb] = [a, b].map((s) =>
        computeFeatures({ structures: [s], hypers, kinds: ['rho-V'], perAtom: true }),
      );
      let sum = 0;
      for (let i = 0; i < fa.invariants.length; i++) sum += fa.invariants[i] * fb.invariants[i];
      return sum;
    };
    const gaps = [4, 8, 12].map((n) => Math.abs(kernel(n, 'gto') / kernel(n, 'legendre') - 1));
    console.info(
      `basis independence, |K_gto/K_legendre − 1| at n_max 4, 8, 12: ${gaps.map((g) => g.toExponential(1)).join(', ')}`,
    );
    expect(gaps[2]).toBeLessThan(gaps[0]);
    expect(gaps[2]).toBeLessThan(1e-3);
  });
});
