/**
 * The multi-scale LODE point on real data (the atomistic-cookbook's lode-linear experiment): binding curves of
 * charged dimers, trained below 6 Å and tested beyond, i.e. beyond the reach of the local features.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseExtXyz } from '../chem/extxyz.ts';
import { bondedFragments, splitFragments } from '../chem/fragments.ts';
import type { Structure } from '../chem/structure.ts';
import { computeFeatures, type FeatureKind } from '../lode/features.ts';
import { bindingFeatures } from './binding.ts';
import { cvRidge } from './cv.ts';
import { hstack, matrix64, selectRows, selectValues, type Matrix64 } from './matrix.ts';
import { rmse, rmsePercent } from './metrics.ts';
import { fitPointCharges, pointChargeEnergy } from './point-charges.ts';
import { predictRidge } from './ridge-model.ts';

const DATA = fileURLToPath(new URL('../../public/data/charge-charge.xyz', import.meta.url));
const HYPERS = { cutoff: 3, sigma: 0.3, nMax: 4, lMax: 2, species: ['H', 'C', 'N', 'O'] };

const number = (s: Structure, key: string) => {
  const v = s.info[key];
  if (typeof v !== 'number') throw new Error(`info key ${key} is missing`);
  return v;
};

describe('charge-charge dimers (public/data/charge-charge.xyz)', () => {
  const frames = parseExtXyz(readFileSync(DATA, 'utf8'));
  const fragments = frames.map((f) => bondedFragments(f));
  const monomers = frames.map((f, i) => splitFragments(f, fragments[i]));
  const bindingEnergy = Float64Array.from(
    frames,
    (f) => number(f, 'energy') - number(f, 'energyA') - number(f, 'energyB'),
  );
  const distance = frames.map((f) => number(f, 'distance'));
  const train = Int32Array.from(distance.flatMap((d, i) => (d < 6 ? [i] : [])));
  const test = Int32Array.from(distance.flatMap((d, i) => (d >= 6 ? [i] : [])));

  const features = (kind: FeatureKind): Matrix64 => {
    const run = (structures: Structure[]) => {
      // The file declares pbc="T T T" with a 30 Å box that only contains each dimer: clusters on purpose.
      const f = computeFeatures({ structures, hypers: HYPERS, kinds: [kind], periodic: 'as-clusters' });
      return matrix64(f.rows, f.invariantLabels.length, f.invariants);
    };
    return bindingFeatures(run(frames), run(monomers.map((m) => m[0])), run(monomers.map((m) => m[1])));
  };

  /** Test RMSE (eV) and RMSE % of a ridge model on ΔX with α by 5-fold CV on the training frames. */
  const extrapolate = (x: Matrix64) => {
    const { model } = cvRidge(
      { x: selectRows(x, train), y: selectValues(bindingEnergy, train) },
      { seed: 0 },
    );
    const predicted = predictRidge(model, selectRows(x, test));
    const target = selectValues(bindingEnergy, test);
    return { rmse: rmse(predicted, target), percent: rmsePercent(predicted, target) };
  };

  it('splits every frame into molecule A (first atoms) and molecule B by connectivity', () => {
    expect(frames).toHaveLength(130);
    for (const labels of fragments) {
      expect(Math.max(...labels)).toBe(1);
      const split = labels.indexOf(1);
      expect(Array.from(labels)).toEqual(Array.from(labels, (_, i) => (i < split ? 0 : 1)));
    }
    expect(train.length + test.length).toBe(130);
  });

  it('extrapolates beyond 6 Å with ρ⊗ρ + ρ⊗V and not with ρ⊗ρ alone', () => {
    const rhoRho = features('rho-rho');
    const local = extrapolate(rhoRho);
    const multiScale = extrapolate(hstack(rhoRho, features('rho-V')));
    const samples = frames.map((f, i) => ({ ...f, molecules: fragments[i], energy: bindingEnergy[i] }));
    const charges = fitPointCharges(Array.from(train, (i) => samples[i]));
    const baseline = rmse(
      Array.from(test, (i) => pointChargeEnergy(charges, samples[i])),
      selectValues(bindingEnergy, test),
    );
    const line = (name: string, r: { rmse: number; percent: number }) =>
      `${name}: test RMSE ${r.rmse.toFixed(4)} eV (${r.percent.toFixed(1)} % of std)`;
    console.info(
      `charge-charge, train d < 6 Å (${train.length} frames), test d ≥ 6 Å (${test.length} frames), ` +
        `n_max ${HYPERS.nMax}, l_max ${HYPERS.lMax}:\n  ${line('ρ⊗ρ', local)}\n  ${line('ρ⊗ρ + ρ⊗V', multiScale)}\n` +
        `  fixed point charges: test RMSE ${baseline.toFixed(4)} eV`,
    );
    expect(multiScale.rmse).toBeLessThan(local.rmse / 5);
    expect(multiScale.percent).toBeLessThan(30);
    expect(local.percent).toBeGreaterThan(100);
  });
});
