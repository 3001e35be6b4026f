/**
 * Train/test split of one class's binding curves, by whole curves (every point of a curve, and its dissociated
 * limit, falls on one side). The split is stratified by residue pair (ASP–ARG, ARG–LYS, ...): a plain random split of
 * a class of a few hundred curves can put every curve of a rare pair in the test set, and a linear ρ⊗V model cannot
 * predict a pair whose combination of centre environment and partner species it never saw (in CC, the two
 * ARG⁺–LYS⁺ curves: unseen, each misses its ~2.3 eV repulsion by ~1.3 eV, which alone moves the class's RMSE% from
 * 5 % to 14 %). Each pair's curves are shared between train and test in proportion, by largest remainder, with at
 * least one training curve for any pair that has two or more.
 */
import { permutation, randomSource } from '../../learn/sampling.ts';

/** The paper's training-set sizes in curves (Table 1), out of its class sizes (§4.1). */
export const PAPER_TRAIN_CURVES = { CC: 100, CP: 200, CA: 150, PP: 100, PA: 350, AA: 950 } as const;
export const PAPER_CLASS_CURVES = { CC: 184, CP: 267, CA: 210, PP: 161, PA: 418, AA: 1051 } as const;

export type ClassName = keyof typeof PAPER_TRAIN_CURVES;

/**
 * Training curves for a class of `curves` curves: the paper's number, scaled by the class size where ours is
 * smaller than the paper's (the paper's fraction of the class), and never more than all but one curve.
 */
export function trainCurveCount(cls: ClassName, curves: number): number {
  const paper = PAPER_TRAIN_CURVES[cls];
  const scaled =
    curves < PAPER_CLASS_CURVES[cls] ? Math.round((paper * curves) / PAPER_CLASS_CURVES[cls]) : paper;
  return Math.max(1, Math.min(scaled, curves - 1));
}

/** The residue pair of an SSI dimer id ('153ASP-200ARG-1' → 'ARG-ASP'), order-independent. */
export function residuePair(id: string): string {
  const residues = id
    .split('-')
    .slice(0, 2)
    .map((part) => part.replace(/^\d+/, ''));
  return residues.sort().join('-');
}

export interface CurveSplit {
  /** Indices of the class's curves, ascending. */
  readonly train: Int32Array;
  readonly test: Int32Array;
}

/** Seeded split of curves (given by their stratum, e.g. residuePair of the id) with `trainCount` in training. */
export function splitCurves(strata: readonly string[], trainCount: number, seed: number): CurveSplit {
  const n = strata.length;
  if (!(Number.isInteger(trainCount) && trainCount >= 1 && trainCount < n)) {
    throw new RangeError(`trainCount must be an integer in [1, ${n - 1}], got ${trainCount}`);
  }
  const random = randomSource(seed);
  const groups = new Map<string, number[]>();
  for (const i of permutation(n, random)) groups.set(strata[i], [...(groups.get(strata[i]) ?? []), i]);
  const members = [...groups.values()];
  const share = members.map((g) => (g.length * trainCount) / n);
  // A pair keeps one test curve when it has two or more; it gets one training curve before any pair gets a second.
  const most = members.map((g) => g.length - (g.length > 1 ? 1 : 0));
  const take = members.map((g, k) => Math.min(most[k], Math.max(g.length > 1 ? 1 : 0, Math.floor(share[k]))));
  // One curve at a time to the pair furthest below (above) its share, among those that can take (give) one.
  const furthest = (sign: 1 | -1, can: (k: number) => boolean) =>
    members.reduce((best, _, k) => {
      if (!can(k)) return best;
      return best < 0 || sign * (share[k] - take[k]) > sign * (share[best] - take[best]) ? k : best;
    }, -1);
  for (let left = trainCount - take.reduce((a, b) => a + b, 0); left !== 0;) {
    if (left > 0) {
      const k = furthest(1, (j) => take[j] < most[j]);
      take[k >= 0 ? k : furthest(1, (j) => take[j] < members[j].length)]++;
      left--;
    } else {
      const k = furthest(-1, (j) => take[j] > 1);
      take[k >= 0 ? k : furthest(-1, (j) => take[j] > 0)]--;
      left++;
    }
  }
  const train = members.flatMap((g, k) => g.slice(0, take[k]));
  const inTrain = new Set(train);
  return {
    train: Int32Array.from(train).sort(),
    test: Int32Array.from({ length: n }, (_, i) => i).filter((i) => !inTrain.has(i)),
  };
}
