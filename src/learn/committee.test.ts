import { describe, expect, it } from 'vitest';
import { fitCommittee, predictCommittee, zScores } from './committee.ts';
import { FitCancelledError, LearnInputError } from './errors.ts';
import { matrix64 } from './matrix.ts';
import { mean } from './metrics.ts';
import { predictRidge } from './ridge-model.ts';
import { randomSource, type Random } from './sampling.ts';
import { gaussian, randomMatrix, randomVector, relativeDifference, times } from './testing/synthetic.ts';

/** y = x·w + ε with the noise std growing with |x₀| (heteroscedastic). */
function heteroscedastic(random: Random, w: Float64Array, n: number) {
  const normal = gaussian(random);
  const p = w.length;
  const x = randomMatrix(n, p, random);
  const y = times(x, w).map((v, r) => v + (0.1 + 0.6 * Math.abs(x.data[r * p])) * normal());
  return { x, y };
}

const variance = (z: ArrayLike<number>) => mean(Array.from(z, (v) => v * v)) - mean(z) ** 2;

describe('calibrated committee', () => {
  const random = randomSource(2019);
  const w = randomVector(6, random);
  const train = heteroscedastic(random, w, 6000);
  const test = heteroscedastic(random, w, 6000);

  it('gives calibrated z-scores (variance 1 ± 0.1) on heteroscedastic data, and uncalibrated ones far from 1', () => {
    for (const seed of [1, 2, 3, 4]) {
      const model = fitCommittee(train, { alpha: 1, seed });
      expect(model.members).toHaveLength(8);
      // Points absent from ≥ 2 of 8 members: P = 1 − 0.8⁸ − 8·0.2·0.8⁷ ≈ 0.50 of the rows.
      expect(model.validationPoints / 6000).toBeCloseTo(0.5, 1);
      const prediction = predictCommittee(model, test.x);
      const z = zScores(prediction, test.y);
      console.info(
        `committee (seed ${seed}): α = ${model.calibration.toFixed(2)}, var(z) = ${variance(z).toFixed(3)}, ` +
          `var((y − ȳ)/σ) = ${variance(prediction.mean.map((m, i) => (test.y[i] - m) / prediction.committeeSigma[i])).toFixed(1)}`,
      );
      expect(Math.abs(variance(z) - 1)).toBeLessThan(0.1);
      const raw = prediction.mean.map((m, i) => (test.y[i] - m) / prediction.committeeSigma[i]);
      expect(variance(raw)).toBeGreaterThan(10);
      // With the error bars α·σ themselves, the finite committee gives Student-t z-scores: variance (M−1)/(M−3).
      const bars = prediction.mean.map((m, i) => (test.y[i] - m) / prediction.sigma[i]);
      expect(variance(bars)).toBeGreaterThan(1.25);
      expect(variance(bars)).toBeLessThan(1.6);
    }
  });

  it("'committee' validation is the paper's formula α² = −1/M + (M−3)/(M−1)·mean[(y − ȳ)²/σ²] verbatim", () => {
    const model = fitCommittee(train, { alpha: 1, seed: 3, validation: 'committee' });
    const predictions = model.members.map((m) => predictRidge(m, train.x));
    const inBag = model.memberRows.map((rows) => new Set(rows));
    let sum = 0;
    let count = 0;
    for (let i = 0; i < 6000; i++) {
      const absent = inBag.filter((set) => !set.has(i)).length;
      if (absent < 2) continue;
      const ys = predictions.map((p) => p[i]);
      const ybar = mean(ys);
      const s2 = ys.reduce((s, v) => s + (v - ybar) ** 2, 0) / 7;
      sum += (train.y[i] - ybar) ** 2 / s2;
      count++;
    }
    expect(count).toBe(model.validationPoints);
    expect(Math.abs(model.calibration ** 2 - (-1 / 8 + (5 / 7) * (sum / count)))).toBeLessThan(1e-9);
  });

  it('has calibrated members with mean ȳ and spread α·σ, each trained on 80 % of the rows', () => {
    const model = fitCommittee(train, { alpha: 1, seed: 4 });
    const prediction = predictCommittee(model, test.x);
    const k = 17;
    const ys = prediction.members.map((m) => m[k]);
    expect(Math.abs(mean(ys) - prediction.mean[k])).toBeLessThan(1e-12);
    const s = Math.sqrt(ys.reduce((acc, v) => acc + (v - prediction.mean[k]) ** 2, 0) / 7);
    expect(Math.abs(s - prediction.sigma[k])).toBeLessThan(1e-12);
    expect(model.memberRows.every((rows) => rows.length === 4800)).toBe(true);
  });

  it('draws whole groups when given them, which calibrates the bars better for new groups', () => {
    // Rows come in groups of 10 around a group centre, with a group offset in the target (like the points of one
    // binding curve): with more features than groups a member memorises the offsets of the groups it saw, so row
    // subsamples judge held-out rows of known groups and give error bars too small for rows of new groups. (Drawing
    // groups does not make them exact here: a new group's error is its offset, unrelated to the members' spread.)
    const rng = randomSource(7);
    const normal = gaussian(rng);
    const p = 300;
    const wg = randomVector(p, rng);
    const make = (groups: number) => {
      const centres = randomMatrix(groups, p, rng);
      const offsets = Array.from({ length: groups }, () => normal());
      const n = 10 * groups;
      const x = matrix64(
        n,
        p,
        Float64Array.from({ length: n * p }, (_, i) => {
          const r = Math.floor(i / p);
          return centres.data[Math.floor(r / 10) * p + (i % p)] + 0.1 * normal();
        }),
      );
      const y = times(x, wg).map((v, r) => v + offsets[Math.floor(r / 10)] + 0.01 * normal());
      return { x, y, groups: Int32Array.from({ length: n }, (_, r) => Math.floor(r / 10)) };
    };
    const grouped = make(200);
    const fresh = make(300);
    const byRows = fitCommittee(grouped, { alpha: 1e-3, seed: 1 });
    const byGroups = fitCommittee(grouped, { alpha: 1e-3, seed: 1, groups: grouped.groups });
    for (const rows of byGroups.memberRows) {
      const taken = new Set(Array.from(rows, (r) => grouped.groups[r]));
      expect(taken.size).toBe(160);
      expect(rows.length).toBe(10 * taken.size);
    }
    const zVariance = (model: typeof byRows) => variance(zScores(predictCommittee(model, fresh.x), fresh.y));
    console.info(
      `grouped data: var(z) ${zVariance(byRows).toFixed(2)} by rows, ${zVariance(byGroups).toFixed(2)} by groups`,
    );
    // Drawing whole groups brings the z-scores of new groups closer to unit variance.
    expect(zVariance(byRows)).toBeGreaterThan(3);
    expect(zVariance(byGroups)).toBeLessThan(zVariance(byRows) / 1.5);
    expect(() => fitCommittee(grouped, { alpha: 1, groups: grouped.groups.slice(1) })).toThrow(
      LearnInputError,
    );
  });

  it('is seedable, reports progress per member, can be cancelled and checks its options', () => {
    const small = { x: matrix64(200, 6, train.x.data.slice(0, 1200)), y: train.y.slice(0, 200) };
    const steps: number[] = [];
    const a = fitCommittee(small, { alpha: 1, seed: 5, onProgress: (p) => steps.push(p.done) });
    const b = fitCommittee(small, { alpha: 1, seed: 5 });
    const c = fitCommittee(small, { alpha: 1, seed: 6 });
    expect(relativeDifference(a.members[7].weights, b.members[7].weights)).toBe(0);
    expect(a.calibration).toBe(b.calibration);
    expect(a.calibration).not.toBe(c.calibration);
    expect(steps).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const controller = new AbortController();
    controller.abort();
    expect(() => fitCommittee(small, { alpha: 1, signal: controller.signal })).toThrow(FitCancelledError);
    expect(() => fitCommittee(small, { alpha: 1, members: 3 })).toThrow(LearnInputError);
    expect(() => fitCommittee(small, { alpha: 1, fraction: 1 })).toThrow(LearnInputError);
  });
});
