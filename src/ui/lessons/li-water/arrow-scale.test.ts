import { describe, expect, it } from 'vitest';
import { arrowScale } from './arrow-scale.ts';

describe('dipole arrow scale', () => {
  it('draws the longest vector at most 3 Å long, with a 1-2-5 scale', () => {
    for (const [vectors, expected] of [
      [[[0, 0, 0.001]], 2000],
      [
        [
          [0.03, 0.04, 0],
          [0, 0, 0.01],
        ],
        50,
      ],
      [[[0, 0, 0.0014]], 2000],
      [[[0, 0, 0.0016]], 1000],
    ] as const) {
      const scale = arrowScale(vectors);
      expect(scale).toBeCloseTo(expected, 9);
      expect(Math.max(...vectors.map((v) => scale * Math.hypot(...v)))).toBeLessThanOrEqual(3 + 1e-9);
    }
    expect(arrowScale([[0, 0, 0]])).toBe(1);
  });
});
