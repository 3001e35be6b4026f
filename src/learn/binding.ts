/**
 * Binding-energy models (PHYSICS §4): E_b = E_AB − E_A − E_B is learned as w·ΔX with ΔX = X(AB) − X(A) − X(B),
 * which builds in the dissociated limit (ΔX → 0, so E_b → 0, for additive features of far-apart monomers).
 * The paper fits one model per dimer class (charged–charged, charged–polar, ...): fitPerClass does the grouping.
 */
import { LearnInputError, ShapeMismatchError } from './errors.ts';
import { checkMatrix, matrix64, selectRows, selectValues, type Matrix64 } from './matrix.ts';
import { predictRidge, type RidgeData, type RidgeModel } from './ridge-model.ts';

/** ΔX = X(AB) − X(A) − X(B), row by row. */
export function bindingFeatures(dimer: Matrix64, a: Matrix64, b: Matrix64): Matrix64 {
  for (const [name, m] of [
    ['a', a],
    ['b', b],
  ] as const) {
    checkMatrix(name, m);
    if (m.rows !== dimer.rows || m.cols !== dimer.cols) {
      throw new ShapeMismatchError(
        name,
        `is ${m.rows} × ${m.cols}, the dimer features ${dimer.rows} × ${dimer.cols}`,
      );
    }
  }
  checkMatrix('dimer', dimer);
  return matrix64(
    dimer.rows,
    dimer.cols,
    dimer.data.map((v, i) => v - a.data[i] - b.data[i]),
  );
}

/** Row indices of each class, classes in order of first appearance. */
export function groupByClass(labels: readonly string[]): Map<string, Int32Array> {
  const groups = new Map<string, number[]>();
  labels.forEach((label, r) => groups.set(label, [...(groups.get(label) ?? []), r]));
  return new Map([...groups].map(([label, rows]) => [label, Int32Array.from(rows)]));
}

function subset(data: RidgeData, rows: Int32Array): RidgeData {
  return {
    x: selectRows(data.x, rows),
    y: selectValues(data.y, rows),
    ...(data.baseline ? { baseline: selectRows(data.baseline, rows) } : {}),
  };
}

/** One model per class label (labels[r] is the class of row r). */
export function fitPerClass<M>(
  data: RidgeData,
  labels: readonly string[],
  fit: (subset: RidgeData, label: string) => M,
): Map<string, M> {
  if (labels.length !== data.x.rows) {
    throw new ShapeMismatchError('labels', `has ${labels.length} entries, the data ${data.x.rows} rows`);
  }
  return new Map([...groupByClass(labels)].map(([label, rows]) => [label, fit(subset(data, rows), label)]));
}

/** Predicts each row with the model of its class. */
export function predictPerClass(
  models: ReadonlyMap<string, RidgeModel>,
  x: Matrix64,
  labels: readonly string[],
  baseline?: Matrix64,
): Float64Array {
  const out = new Float64Array(x.rows);
  for (const [label, rows] of groupByClass(labels)) {
    const model = models.get(label);
    if (!model) throw new LearnInputError('labels', `no model for class '${label}'`);
    const predicted = predictRidge(model, selectRows(x, rows), baseline && selectRows(baseline, rows));
    rows.forEach((r, i) => (out[r] = predicted[i]));
  }
  return out;
}
