import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadD3 } from '../../data/d3.ts';
import { cpuEngine, type FeatureEngine } from '../../lode/features.ts';
import { defaultValues, sessionValues } from '../params.ts';
import { LiWaterSession } from './session.ts';
import { MEDIAN_CONFIGURATION, params } from './spec.ts';

const dataset = loadD3(
  JSON.parse(readFileSync(new URL('../../../public/data/d3-li-water.json', import.meta.url), 'utf8')),
);

/** The CPU engine, counting the structures it is asked to featurise. */
const counting = () => {
  const counter = { structures: 0 };
  const engine: FeatureEngine = {
    backend: 'cpu',
    compute: (request) => {
      counter.structures += request.structures.length;
      return cpuEngine.compute(request);
    },
  };
  return { engine, counter };
};

describe('water-on-lithium lesson session', () => {
  // Smaller expansions than the lesson's default keep this test quick; the protocol is the same.
  const values = { ...sessionValues(params, defaultValues(params)), nMax: 2, lMax: 1 };
  const { engine, counter } = counting();
  const session = new LiWaterSession(dataset, engine);

  it('draws the median test configuration: the dataset’s reference and both models at every height', async () => {
    const fractions: number[] = [];
    const series = await session.series(
      { ...values, configuration: MEDIAN_CONFIGURATION, height: dataset.heights[20]! },
      { onProgress: (p) => fractions.push(p.fraction) },
    );
    expect(fractions.length).toBeGreaterThan(2);
    expect(fractions.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= fractions[i - 1]!))).toBe(true);
    expect(series.heldOut).toBe(true);
    expect(series.testIds).toContain(series.id);
    const curve = dataset.curves[series.configuration - 1]!;
    expect(curve.id).toBe(series.id);
    expect(series.energies.reference).toEqual(curve.points.map((p) => p.energies[dataset.level]));
    expect(series.dipoles.reference).toEqual(curve.inducedDipoles);
    expect(series.reach).toBeCloseTo(4 + 6 * 0.3, 12);
    // The learning curves come with the background request, and from then on with every series.
    expect(series.scores['rho-V'].learning).toBeNull();
    const withCurves = await session.series({
      ...values,
      configuration: MEDIAN_CONFIGURATION,
      learning: true,
    });
    expect(withCurves.scores['rho-V'].learning).toHaveLength(withCurves.sizes.length);
    const again = await session.series({ ...values, configuration: MEDIAN_CONFIGURATION, height: 6 });
    expect(again.scores['rho-rho'].learning).toEqual(withCurves.scores['rho-rho'].learning);
    // At a dataset height, the prediction from that one structure's own features equals the curve's.
    for (const kind of ['rho-rho', 'rho-V'] as const) {
      expect(series.at.energies[kind]).toBeCloseTo(series.energies[kind][20]!, 9);
      series.at.dipoles![kind].forEach((v, k) => expect(v).toBeCloseTo(series.dipoles[kind][20]![k]!, 9));
      // P^W is predicted where the models learned it only: from 4.5 Å up.
      expect(series.dipoles[kind].map((p) => p !== null)).toEqual(dataset.heights.map((h) => h >= 4.5));
    }
  }, 300_000);

  it('moving the water costs the features of that one structure (and the lone water)', async () => {
    const first = await session.series({ ...values, configuration: 7, height: 3 });
    const before = counter.structures;
    const moved = await session.series({ ...values, configuration: 7, height: 3.37 });
    expect(counter.structures - before).toBe(2);
    expect(moved.at.height).toBe(3.37);
    expect(moved.id).toBe('w07');
    expect(moved.energies).toEqual(first.energies);
    expect(moved.at.dipoles).toBeNull();
    // Far above the surface ρ⊗ρ sees the water alone: its prediction no longer depends on the height.
    const high = await session.series({ ...values, configuration: 7, height: 7.9 });
    const higher = await session.series({ ...values, configuration: 7, height: 8 });
    expect(higher.at.energies['rho-rho']).toBeCloseTo(high.at.energies['rho-rho'], 12);
    expect(higher.at.energies['rho-V']).not.toBeCloseTo(high.at.energies['rho-V'], 6);
  }, 300_000);
});
