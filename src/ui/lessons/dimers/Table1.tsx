/**
 * Table 1 of the paper, live: every class's test RMSE for ρ⊗ρ, ρ⊗V and V⊗V, ours (GFN2-xTB, the rows computed so
 * far) under the paper's (PBE0-TS), the current class marked; a button computes the rest with progress and cancel.
 */
import { FEATURE_KINDS, type FeatureKind } from '../../../lode/features.ts';
import type { ClassSummary } from '../../../experiments/dimers/session.ts';
import { CLASSES } from '../../../experiments/dimers/spec.ts';
import type { ClassName } from '../../../experiments/dimers/split.ts';
import { KIND_SYMBOL, PAPER_TABLE_1 } from '../../../experiments/dimers/table.ts';
import { ProgressLine } from '../../ProgressLine.tsx';
import type { ClassTable } from './use-class-table.ts';

const rmseCell = (rmse: number | undefined, std: number) =>
  rmse === undefined ? '—' : `${rmse.toFixed(3)} (${((100 * rmse) / std).toFixed(1)} %)`;

/** Whether a class's row has all three kinds. */
export const isFullRow = (summary: ClassSummary | undefined) =>
  summary !== undefined && FEATURE_KINDS.every((kind) => summary.row.rmse[kind] !== undefined);

function Rows({ cls, ours, current }: { cls: ClassName; ours: ClassSummary | undefined; current: boolean }) {
  const paper = PAPER_TABLE_1[cls];
  const mark = current ? { 'aria-current': true, className: 'current' } : {};
  const cells = (std: number, rmse: Partial<Record<FeatureKind, number>>) =>
    FEATURE_KINDS.map((kind) => <td key={kind}>{rmseCell(rmse[kind], std)}</td>);
  return (
    <>
      <tr data-class={cls} {...mark}>
        <th scope="row">{`${cls} ours`}</th>
        {ours ? (
          <>
            <td>{ours.row.nTrain}</td>
            <td>{ours.row.std.toFixed(3)}</td>
            {cells(ours.row.std, ours.row.rmse)}
          </>
        ) : (
          <td colSpan={2 + FEATURE_KINDS.length}>not computed yet</td>
        )}
      </tr>
      <tr {...mark}>
        <th scope="row">{`${cls} paper`}</th>
        <td>{paper.nTrain}</td>
        <td>{paper.std.toFixed(3)}</td>
        {cells(paper.std, paper.rmse)}
      </tr>
    </>
  );
}

export function Table1({
  rows,
  current,
  level,
  table,
}: {
  /** Our rows computed so far, by class. */
  rows: Partial<Record<ClassName, ClassSummary>>;
  current: ClassName;
  level: string;
  table: ClassTable;
}) {
  const { state } = table;
  const missing = CLASSES.filter((cls) => !isFullRow(rows[cls]));
  return (
    <section className="table-1" aria-label="Table 1">
      <table data-testid="table-1">
        <caption>
          {`Table 1: test RMSE per class in eV (% of the test STD). Paper: PBE0-TS reference on its BFDB dimers; ` +
            `ours: ${level} on the SSI dimers of this dataset, so only the percentages compare.`}
        </caption>
        <thead>
          <tr>
            <th scope="col">class</th>
            <th scope="col">n_train</th>
            <th scope="col">STD (eV)</th>
            {FEATURE_KINDS.map((kind) => (
              <th scope="col" key={kind}>{`RMSE ${KIND_SYMBOL[kind]}`}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {CLASSES.map((cls) => (
            <Rows key={cls} cls={cls} ours={rows[cls]} current={cls === current} />
          ))}
        </tbody>
      </table>
      <div className="table-actions">
        {state.status === 'computing' ? (
          <>
            <ProgressLine progress={state.progress} label="Computing Table 1" />
            <button type="button" onClick={table.cancel}>
              Cancel
            </button>
          </>
        ) : (
          <button type="button" disabled={missing.length === 0} onClick={() => table.compute(missing)}>
            {missing.length === 0
              ? 'Table 1 complete'
              : `Compute the full Table 1 (${missing.join(', ')}: ρ⊗ρ, ρ⊗V and V⊗V; minutes on a CPU engine)`}
          </button>
        )}
        {state.status === 'cancelled' && <p role="status">Cancelled: the rows already computed stay.</p>}
        {state.status === 'failed' && <p role="alert">{`Table 1 could not be computed: ${state.message}`}</p>}
      </div>
    </section>
  );
}
