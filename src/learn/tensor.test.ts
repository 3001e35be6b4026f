import { describe, expect, it } from 'vitest';
import { makeStructure, type Structure } from '../chem/structure.ts';
import { computeFeatures } from '../lode/features.ts';
import { applyMatrix, randomRotation, transformStructure, type Matrix3 } from '../lode/testing/geometry.ts';
import { ShapeMismatchError } from './errors.ts';
import { vectorRmse } from './metrics.ts';
import { randomSource, type Random } from './sampling.ts';
import { cvTensorRidge, fitTensorRidge, predictTensor, type TensorData } from './tensor.ts';
import { gaussian, randomVector, relativeDifference } from './testing/synthetic.ts';

/** Applies rotation[r] to every 3-vector of row r (rows × width × 3 layout). */
function rotateRows(
  values: Float64Array,
  rows: number,
  width: number,
  rotations: readonly Matrix3[],
): Float64Array {
  const out = new Float64Array(values.length);
  for (let r = 0; r < rows; r++) {
    for (let q = 0; q < width; q++)
      out.set(applyMatrix(rotations[r], values, (r * width + q) * 3), (r * width + q) * 3);
  }
  return out;
}

function synthetic(random: Random, rows: number, cols: number, w: Float64Array): TensorData {
  const normal = gaussian(random);
  const vectors = Float64Array.from({ length: rows * cols * 3 }, normal);
  const targets = new Float64Array(rows * 3);
  for (let r = 0; r < rows; r++) {
    for (let mu = 0; mu < 3; mu++) {
      let s = 0.05 * normal();
      for (let q = 0; q < cols; q++) s += w[q] * vectors[(r * cols + q) * 3 + mu];
      targets[3 * r + mu] = s;
    }
  }
  return { vectors, rows, cols, targets };
}

describe('tensor (λ = 1) ridge', () => {
  it('keeps its weights and rotates its predictions when every structure is rotated (synthetic vectors)', () => {
    const random = randomSource(1);
    const w = randomVector(12, random);
    const train = synthetic(random, 80, 12, w);
    const test = synthetic(random, 20, 12, w);
    const rotations = Array.from({ length: 80 }, () => randomRotation(random));
    const rotated: TensorData = {
      ...train,
      vectors: rotateRows(train.vectors, 80, 12, rotations),
      targets: rotateRows(train.targets, 80, 1, rotations),
    };
    const model = fitTensorRidge(train, { alpha: 0.1, standardize: true });
    const turned = fitTensorRidge(rotated, { alpha: 0.1, standardize: true });
    expect(relativeDifference(turned.weights, model.weights)).toBeLessThan(1e-12);
    expect(relativeDifference(model.weights, w)).toBeLessThan(0.02);

    const testRotations = Array.from({ length: 20 }, () => randomRotation(random));
    const predicted = predictTensor(model, test.vectors, 20);
    const predictedRotated = predictTensor(turned, rotateRows(test.vectors, 20, 12, testRotations), 20);
    expect(relativeDifference(predictedRotated, rotateRows(predicted, 20, 1, testRotations))).toBeLessThan(
      1e-12,
    );
    expect(vectorRmse(predicted, test.targets)).toBeLessThan(0.2);
    // Error vectors rotate too: the vector RMSE is invariant.
    const rotatedTargets = rotateRows(test.targets, 20, 1, testRotations);
    expect(
      Math.abs(vectorRmse(predictedRotated, rotatedTargets) - vectorRmse(predicted, test.targets)),
    ).toBeLessThan(1e-12);

    const cv = cvTensorRidge(train, { seed: 2, folds: 4 });
    const cvRotated = cvTensorRidge(rotated, { seed: 2, folds: 4 });
    expect(
      relativeDifference(
        cvRotated.scores.map((s) => s.rmse),
        cv.scores.map((s) => s.rmse),
      ),
    ).toBeLessThan(1e-9);
  });

  it('is equivariant on real ρ⊗V λ = 1 features of rotated water–CO2 dimers (dipole targets)', () => {
    const random = randomSource(3);
    const water = makeStructure(['O', 'H', 'H'], [0, 0, -0.066, 0.757, 0, 0.52, -0.757, 0, 0.52]);
    const co2 = makeStructure(['C', 'O', 'O'], [0, 0, 0, 0, 0, 1.16, 0, 0, -1.16]);
    const charges = [-0.8, 0.4, 0.4, 0.7, -0.35, -0.35];
    const dimers = Array.from({ length: 40 }, () => {
      const b = transformStructure(co2, randomRotation(random), [3 + random(), random(), random()]);
      const a = transformStructure(water, randomRotation(random));
      return makeStructure([...a.species, ...b.species], [...a.positions, ...b.positions]);
    });
    const hypers = { cutoff: 3, sigma: 0.4, nMax: 3, lMax: 1, species: ['H', 'C', 'O'] };
    const dataOf = (structures: Structure[]): TensorData => {
      const f = computeFeatures({ structures, hypers, kinds: [], vectorKinds: ['rho-V'] });
      const targets = new Float64Array(3 * structures.length);
      structures.forEach((s, r) => {
        for (let i = 0; i < s.species.length; i++) {
          for (let k = 0; k < 3; k++) targets[3 * r + k] += charges[i] * s.positions[3 * i + k];
        }
      });
      return { vectors: f.vectors, rows: f.rows, cols: f.vectorLabels.length, targets };
    };
    const rotations = dimers.map(() => randomRotation(random));
    const original = dataOf(dimers);
    const rotated = dataOf(dimers.map((s, r) => transformStructure(s, rotations[r])));
    expect(
      relativeDifference(rotated.vectors, rotateRows(original.vectors, 40, original.cols, rotations)),
    ).toBeLessThan(1e-10);
    const model = fitTensorRidge(original, { alpha: 1e-6, standardize: true });
    const turned = fitTensorRidge(rotated, { alpha: 1e-6, standardize: true });
    expect(relativeDifference(turned.weights, model.weights)).toBeLessThan(1e-7);
    const predicted = predictTensor(model, original.vectors, 40);
    expect(
      relativeDifference(predictTensor(turned, rotated.vectors, 40), rotateRows(predicted, 40, 1, rotations)),
    ).toBeLessThan(1e-8);
  });

  it('rejects vectors and targets of the wrong shape', () => {
    const data = { vectors: new Float64Array(2 * 4 * 3), rows: 2, cols: 4, targets: new Float64Array(6) };
    expect(() => fitTensorRidge({ ...data, targets: new Float64Array(5) }, { alpha: 1 })).toThrow(
      ShapeMismatchError,
    );
    expect(() => fitTensorRidge({ ...data, cols: 5 }, { alpha: 1 })).toThrow(ShapeMismatchError);
  });
});
