import { describe, expect, it } from 'vitest';
import { residuePair, splitCurves, trainCurveCount } from './split.ts';

describe('curve splits', () => {
  it('names the residue pair of an SSI id independently of order', () => {
    expect(residuePair('153ASP-200ARG-1')).toBe('ARG-ASP');
    expect(residuePair('200ARG-153ASP-2')).toBe('ARG-ASP');
    expect(residuePair('019ARG-027ARG-1')).toBe('ARG-ARG');
  });

  it("uses the paper's training curves, scaled down only for a class smaller than the paper's", () => {
    expect(trainCurveCount('CC', 191)).toBe(100);
    expect(trainCurveCount('AA', 1277)).toBe(950);
    // The paper trained on 100 of its 184 CC curves: 92 curves get 50.
    expect(trainCurveCount('CC', 92)).toBe(50);
    expect(trainCurveCount('CC', 2)).toBe(1);
  });

  // 12 pairs: sizes 1..12 (78 curves), shuffled.
  const strata = Array.from({ length: 12 }, (_, g) => Array.from({ length: g + 1 }, () => `pair${g}`)).flat();
  const count = (indices: Int32Array, pair: string) =>
    Array.from(indices).filter((i) => strata[i] === pair).length;

  it('splits whole strata in proportion, every pair of two or more curves on both sides', () => {
    const { train, test } = splitCurves(strata, 39, 3);
    expect(train.length).toBe(39);
    expect(test.length).toBe(strata.length - 39);
    expect(new Set([...train, ...test]).size).toBe(strata.length);
    for (let g = 0; g < 12; g++) {
      const size = g + 1;
      const inTrain = count(train, `pair${g}`);
      if (size > 1) {
        expect(inTrain).toBeGreaterThanOrEqual(1);
        expect(inTrain).toBeLessThan(size);
      }
      // Half of each pair, give or take the rounding and the one-curve minimum.
      expect(Math.abs(inTrain - size / 2)).toBeLessThanOrEqual(1);
    }
  });

  it('is seeded: the same seed gives the same split, another seed another one', () => {
    const a = splitCurves(strata, 39, 1);
    expect(Array.from(splitCurves(strata, 39, 1).train)).toEqual(Array.from(a.train));
    expect(Array.from(splitCurves(strata, 39, 2).train)).not.toEqual(Array.from(a.train));
  });

  it('reaches any training size, even below the number of pairs', () => {
    for (const size of [1, 5, 11, 60, 77]) {
      const { train, test } = splitCurves(strata, size, 0);
      expect(train.length).toBe(size);
      expect(train.length + test.length).toBe(strata.length);
    }
    expect(() => splitCurves(strata, 78, 0)).toThrow(RangeError);
  });
});
