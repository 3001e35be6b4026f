/**
 * Table 1 of the paper (§4.1) and ours side by side. The paper's reference is PBE0-TS (FHI-aims) on its 2291 BFDB
 * dimers; ours is GFN2-xTB on all 3380 SSI dimers, so energy scales (STD) differ and only RMSE% compares.
 */
import { FEATURE_KINDS, type FeatureKind } from '../../lode/features.ts';
import type { ClassStudy } from './class-study.ts';
import type { ClassName } from './split.ts';

export interface PaperRow {
  readonly nTrain: number;
  /** Standard deviation of the test energies (eV). */
  readonly std: number;
  /** Test RMSE (eV) per feature kind. */
  readonly rmse: Readonly<Record<FeatureKind, number>>;
}

export const PAPER_TABLE_1: Readonly<Record<ClassName, PaperRow>> = {
  CC: { nTrain: 100, std: 1.86, rmse: { 'rho-rho': 0.72, 'rho-V': 0.049, 'V-V': 0.058 } },
  CP: { nTrain: 200, std: 0.379, rmse: { 'rho-rho': 0.25, 'rho-V': 0.074, 'V-V': 0.092 } },
  CA: { nTrain: 150, std: 0.083, rmse: { 'rho-rho': 0.056, 'rho-V': 0.041, 'V-V': 0.034 } },
  PP: { nTrain: 100, std: 0.131, rmse: { 'rho-rho': 0.1, 'rho-V': 0.062, 'V-V': 0.125 } },
  PA: { nTrain: 350, std: 0.046, rmse: { 'rho-rho': 0.032, 'rho-V': 0.013, 'V-V': 0.021 } },
  AA: { nTrain: 950, std: 0.063, rmse: { 'rho-rho': 0.026, 'rho-V': 0.004, 'V-V': 0.006 } },
};

export const KIND_SYMBOL: Readonly<Record<FeatureKind, string>> = {
  'rho-rho': 'ρ⊗ρ',
  'rho-V': 'ρ⊗V',
  'V-V': 'V⊗V',
};

export interface TableRow {
  readonly cls: ClassName;
  readonly nTrain: number;
  readonly std: number;
  readonly rmse: Partial<Record<FeatureKind, number>>;
  readonly rmsePercent: Partial<Record<FeatureKind, number>>;
}

export function tableRow(study: ClassStudy): TableRow {
  const kinds = FEATURE_KINDS.filter((k) => study.fits[k]);
  return {
    cls: study.cls,
    nTrain: study.train.length,
    std: study.testStd,
    rmse: Object.fromEntries(kinds.map((k) => [k, study.fits[k]!.testRmse])),
    rmsePercent: Object.fromEntries(kinds.map((k) => [k, study.fits[k]!.testRmsePercent])),
  };
}

/** Text table: ours (GFN2-xTB) and the paper's (PBE0-TS), RMSE in eV and in % of the test STD. */
export function formatTable(rows: readonly TableRow[]): string {
  const cell = (rmse: number | undefined, std: number) =>
    rmse === undefined
      ? '—'.padStart(15)
      : `${rmse.toFixed(3)} (${((100 * rmse) / std).toFixed(1)} %)`.padStart(15);
  const head = ['class', 'n_train', 'STD/eV', ...FEATURE_KINDS.map((k) => `${KIND_SYMBOL[k]} RMSE/eV (%)`)];
  const lines = [head.map((h, i) => (i < 3 ? h.padEnd(8) : h.padStart(18))).join(' ')];
  for (const row of rows) {
    const paper = PAPER_TABLE_1[row.cls];
    for (const [who, nTrain, std, rmse] of [
      ['ours', row.nTrain, row.std, row.rmse],
      ['paper', paper.nTrain, paper.std, paper.rmse],
    ] as const) {
      lines.push(
        [
          `${row.cls} ${who}`.padEnd(8),
          String(nTrain).padEnd(8),
          std.toFixed(3).padEnd(8),
          ...FEATURE_KINDS.map((k) => cell(rmse[k], std).padStart(18)),
        ].join(' '),
      );
    }
  }
  return lines.join('\n');
}
