/**
 * Ridge on ΔX with one scale per angular channel l: every column of an l block is divided by the block's RMS over
 * the training rows. A single penalty on raw features shrinks the small l > 0 columns (the multipoles beyond the
 * monopole) hardest; per-column standardisation instead lifts columns that training barely populates — a channel
 * of an element few training dimers contain, like the S of MET — to the weight of the common ones, and a test
 * dimer that fills such a column then gets a huge prediction (PP, ρ⊗V: test RMSE 5000 times the STD on one MET
 * curve). Per-l blocks equalise the channels without either failure. Models are fitted on the scaled columns and
 * handed back in the units of the raw features.
 */
import type { Matrix64, RidgeModel } from '../../learn/index.ts';
import type { InvariantLabel } from '../../lode/features.ts';

/** Divisor of each column: the RMS of its l block over the rows of x (1 for a block that is all zero). */
export function angularScales(x: Matrix64, labels: readonly InvariantLabel[]): Float64Array {
  const sums = new Map<number, { squares: number; columns: number }>();
  const squares = new Float64Array(x.cols);
  for (let r = 0; r < x.rows; r++) {
    for (let j = 0; j < x.cols; j++) squares[j] += x.data[r * x.cols + j] ** 2;
  }
  labels.forEach((label, j) => {
    const block = sums.get(label.l) ?? { squares: 0, columns: 0 };
    block.squares += squares[j];
    block.columns++;
    sums.set(label.l, block);
  });
  return Float64Array.from(labels, (label) => {
    const block = sums.get(label.l)!;
    const rms = Math.sqrt(block.squares / (block.columns * x.rows));
    return rms > 0 ? rms : 1;
  });
}

/** Divides every column of x by its scale, in place (the training matrix is the largest array of a study). */
export function scaleColumnsInPlace(x: Matrix64, scales: Float64Array): void {
  for (let i = 0; i < x.data.length; i++) x.data[i] /= scales[i % x.cols];
}

/** A model fitted on scaled columns, expressed on the raw ones. */
export function inRawUnits(model: RidgeModel, scales: Float64Array): RidgeModel {
  return { ...model, weights: model.weights.map((w, j) => w / scales[j]), featureScale: scales };
}
