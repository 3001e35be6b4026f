import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadD1 } from '../../data/d1.ts';
import { bindingFeatures, matrix64 } from '../../learn/index.ts';
import { computeFeatures, cpuEngine } from '../../lode/features.ts';
import { bindingFeatureChunks, classSpecies, usedColumns } from './binding-features.ts';
import { displacedDimer } from '../../data/curves.ts';

const dataset = loadD1(
  JSON.parse(readFileSync(new URL('../../../public/data/d1-ssi.json', import.meta.url), 'utf8')),
);
const HYPERS = { cutoff: 3, sigma: 0.3, nMax: 2, lMax: 1 };

describe('binding features of a class', () => {
  const curves = dataset.curves.filter((c) => c.class === 'CC').slice(0, 5);
  const species = classSpecies(curves);

  it('lists the species of the monomers in the fixed order', () => {
    expect(species).toEqual(['H', 'C', 'N', 'O']);
    expect(classSpecies(dataset.curves.filter((c) => c.class === 'AA'))).toEqual(['H', 'C']);
  });

  it('chunk by chunk equals ΔX = X(AB) − X(A) − X(B) of one engine call', async () => {
    const chunks = [];
    for await (const chunk of bindingFeatureChunks(cpuEngine, curves, [4, 1, 3], 'rho-V', HYPERS, species, {
      chunkCurves: 2,
    })) {
      chunks.push(chunk);
    }
    expect(chunks.map((c) => c.curves)).toEqual([[4, 1], [3]]);
    const chosen = [4, 1, 3].map((i) => curves[i]);
    const run = (structures: Parameters<typeof computeFeatures>[0]['structures']) => {
      const f = computeFeatures({ structures, hypers: { ...HYPERS, species }, kinds: ['rho-V'] });
      return matrix64(f.rows, f.invariantLabels.length, f.invariants);
    };
    const repeat = (k: 0 | 1) => chosen.flatMap((c) => c.points.map(() => c.monomers[k]));
    const expected = bindingFeatures(
      run(chosen.flatMap((c) => c.points.map((p) => p.structure))),
      run(repeat(0)),
      run(repeat(1)),
    );
    const got = Float64Array.from([...chunks[0].x, ...chunks[1].x]);
    expect(got.length).toBe(expected.data.length);
    let worst = 0;
    got.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - expected.data[i]))));
    expect(worst).toBeLessThan(1e-12 * Math.max(...expected.data.map(Math.abs)));
  });

  it('keeps the columns some row uses', () => {
    const x = Float64Array.from([0, 1, 0, 0, 0, 0, 0, 2, 0]);
    expect(Array.from(usedColumns([{ x: x.slice(0, 3) }, { x: x.slice(3) }], 3))).toEqual([1]);
    expect(Array.from(usedColumns([{ x }], 3))).toEqual([1]);
  });

  it('moves monomer B along the curve as the dataset does', () => {
    const curve = curves[2];
    for (const point of [curve.points[0], curve.points[5], curve.points[12]]) {
      const moved = displacedDimer(curve, point.coordinate);
      expect(moved.species).toEqual(point.structure.species);
      moved.positions.forEach((v, i) => expect(v).toBeCloseTo(point.structure.positions[i], 3));
    }
  });
});
