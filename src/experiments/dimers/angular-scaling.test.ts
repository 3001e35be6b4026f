import { describe, expect, it } from 'vitest';
import { fitRidge, fromRows, predictRidge } from '../../learn/index.ts';
import type { InvariantLabel } from '../../lode/features.ts';
import { angularScales, inRawUnits, scaleColumnsInPlace } from './angular-scaling.ts';

const label = (l: number): InvariantLabel => ({
  kind: 'rho-V',
  centre: 'H',
  l,
  a1: 'H',
  n1: 0,
  a2: 'H',
  n2: 0,
});

describe('per-l scaling of binding features', () => {
  // Columns 0 and 1 form the l = 0 block, column 2 the l = 1 block, column 3 an empty l = 2 block.
  const rows = [
    [3, 0, 0.01, 0],
    [0, 4, 0.02, 0],
    [3, 4, -0.02, 0],
  ];
  const labels = [label(0), label(0), label(1), label(2)];

  it('divides each l block by its RMS over the rows, and leaves an empty block alone', () => {
    const scales = angularScales(fromRows(rows), labels);
    // l = 0: squares 9 + 16 + 9 + 16 = 50 over 2 columns × 3 rows; l = 1: 0.0009 over 3 values.
    expect(scales[0]).toBeCloseTo(Math.sqrt(50 / 6), 12);
    expect(scales[1]).toBe(scales[0]);
    expect(scales[2]).toBeCloseTo(Math.sqrt(0.0009 / 3), 12);
    expect(scales[3]).toBe(1);
  });

  it('hands back a model that predicts the same on raw features as the fitted one on scaled features', () => {
    const x = fromRows(rows);
    const scales = angularScales(x, labels);
    const scaled = fromRows(rows);
    scaleColumnsInPlace(scaled, scales);
    const y = Float64Array.from([1, -2, 0.5]);
    const model = fitRidge({ x: scaled, y }, { alpha: 0.1 });
    const raw = inRawUnits(model, scales);
    const expected = predictRidge(model, scaled);
    predictRidge(raw, x).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
  });
});
