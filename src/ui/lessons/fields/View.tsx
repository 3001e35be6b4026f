/**
 * The fields lesson's page: the structure in 3D with the slice through the chosen centre coloured by the field, the
 * colour bar and errors, the structure, centre and channel pickers with the paste box, the generic controls, and the
 * charts. What was last shown stays while a new slice is computed, and when a request fails.
 */
import { useDeferredValue, useMemo, useRef, useState } from 'react';
import type { Cell, Structure } from '../../../chem/structure.ts';
import type { FieldsSeries } from '../../../experiments/fields/session.ts';
import { fieldsLesson, params } from '../../../experiments/fields/spec.ts';
import type { PastedStructure } from '../../../experiments/fields/paste.ts';
import { describeBoundary } from '../../../experiments/fields/periodicity.ts';
import { encodeStructure, LINK_STRUCTURE_LIMIT } from '../../../experiments/fields/structure-link.ts';
import { planeAxes, planeNormal, type CartesianPlane } from '../../../lode/field-grids.ts';
import { ParamControls } from '../../panels/ParamControls.tsx';
import { ProgressLine } from '../../ProgressLine.tsx';
import { useLessonSeries, type LessonState } from '../../use-lesson.ts';
import { useLessonValues, useView, viewStore } from '../../use-view.ts';
import { MoleculeViewer } from '../../viewer/MoleculeViewer.tsx';
import { ResetViewButton } from '../../viewer/ResetViewButton.tsx';
import { CellOutline } from '../../viewer/CellOutline.tsx';
import { PeriodicImages } from '../../viewer/PeriodicImages.tsx';
import { cellEdges } from '../../viewer/cell-geometry.ts';
import { FieldsCharts } from './Charts.tsx';
import { FeatureHeatMap } from './FeatureHeatMap.tsx';
import { NormalInput } from './NormalInput.tsx';
import { colourTexels, drawContours, symmetricLimit } from './colour-map.ts';
import { ColourBar } from './ColourBar.tsx';
import { PasteBox } from './PasteBox.tsx';
import { Opaque } from './opaque.ts';
import { SliceHandle } from './SliceHandle.tsx';
import { SlicePlane } from './SlicePlane.tsx';
import { useSliceTurn } from './use-slice-turn.ts';
import { drawnCell } from './drawn-cell.ts';
import './fields.css';

type Values = ReturnType<typeof useLessonValues<typeof params>>;
type Vec3 = readonly [number, number, number];

/** Controls drawn by this page itself (they depend on the structure), not by the generic panel. */
const OWN_CONTROLS = new Set(['structure', 'pbc', 'images', 'centre', 'channel']);
const GENERIC = Object.fromEntries(Object.entries(params).filter(([key]) => !OWN_CONTROLS.has(key)));

const update = (values: Record<string, unknown>) => viewStore.getState().update(values);

/**
 * Camera and target that frame the structure, the cell drawn around it (if any) and the cutoff sphere, looking
 * along +y (onto the xz plane).
 */
function homeView(structure: FieldsSeries['structure'], cell: Cell | null, cutoff: number): [Vec3, Vec3] {
  const p = [...structure.positions, ...(cell ? cellEdges(cell).flat(2) : [])];
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < p.length; i++) {
    lo[i % 3] = Math.min(lo[i % 3]!, p[i]!);
    hi[i % 3] = Math.max(hi[i % 3]!, p[i]!);
  }
  const target: Vec3 = [0, 1, 2].map((k) => (lo[k]! + hi[k]!) / 2) as unknown as Vec3;
  const size = Math.max(...[0, 1, 2].map((k) => hi[k]! - lo[k]!)) + 2 * cutoff;
  const distance = 1.25 * size + 1;
  return [[target[0], target[1] - distance, target[2] + 0.25 * distance], target];
}

function asStructure(s: FieldsSeries['structure']): Structure {
  return { ...s, info: {}, arrays: {} };
}

interface Shown {
  readonly values: Float32Array;
  readonly limit: number;
}

type Held = Opaque<FieldsSeries>;

/** The slice's orientation as drawn: its unit normal and in-plane axes, and how the user turns it. */
interface Orientation {
  readonly normal: Vec3;
  readonly axes: readonly [Vec3, Vec3];
  readonly turn: (normal: Vec3) => void;
}

function Scene({
  held,
  values,
  shown,
  orientation,
}: {
  held: Held;
  values: Values;
  shown: Opaque<Shown>;
  orientation: Orientation;
}) {
  const series = held.value;
  const overlay = useRef<HTMLDivElement>(null);
  const structure = useMemo(() => asStructure(series.structure), [series.structure]);
  const cell = useMemo(() => drawnCell(series.structure), [series.structure]);
  const home = useMemo(
    () => homeView(series.structure, cell, values.cutoff),
    [series.structure, cell, values.cutoff],
  );
  const [camera, setCamera] = useState<{ home: typeof home; view: [Vec3, Vec3] }>({ home, view: home });
  const view = camera.home === home ? camera.view : home;
  const present = useView((s) => s.view.present);
  const contours = values.contours === 'on';
  const resolution = series.slice.resolution;
  const texels = useMemo(() => {
    const { values: field, limit } = shown.value;
    const image = colourTexels(field, limit);
    if (contours) drawContours(image, field, resolution, limit);
    return new Opaque(image);
  }, [shown, contours, resolution]);
  const p = series.structure.positions;
  const c = series.centre;
  const centre: Vec3 = [p[3 * c]!, p[3 * c + 1]!, p[3 * c + 2]!];
  return (
    <div className="viewer-box" ref={overlay}>
      <MoleculeViewer
        structure={structure}
        centres={[c]}
        cutoff={values.cutoff}
        camera={view[0]}
        target={view[1]}
        label={`${series.structure.species.length} atoms${cell ? ` in their cell, ${describeBoundary(series.structure)}` : ''}; slice through atom ${c} (${series.structure.species[c]})`}
        onCameraChange={(position, target) => setCamera({ home, view: [position, target] })}
        onAtomClick={(atom) => update({ centre: atom })}
        bright={present}
      >
        {cell && <CellOutline cell={cell} />}
        {cell && values.images === 'on' && <PeriodicImages structure={structure} />}
        <SlicePlane
          texels={texels}
          resolution={resolution}
          halfWidth={series.slice.halfWidth}
          axes={orientation.axes}
          centre={centre}
          drawn={`n_max ${series.slice.nMax}, l_max ${series.slice.lMax}`}
        />
        <SliceHandle
          centre={centre}
          normal={orientation.normal}
          length={values.cutoff}
          overlay={overlay}
          onTurn={orientation.turn}
        />
      </MoleculeViewer>
      <ResetViewButton onReset={() => setCamera({ home, view: home })} />
    </div>
  );
}

/** The array drawn and its colour scale: exact and expansion share the exact field's scale, the difference has its own. */
function shownValues(slice: FieldsSeries['slice'], show: string): Shown {
  const { exact, expansion } = slice;
  if (show === 'exact') return { values: exact, limit: symmetricLimit(exact) };
  if (show === 'expansion') return { values: expansion, limit: symmetricLimit(exact) };
  const difference = expansion.map((x, i) => x - exact[i]!);
  return { values: difference, limit: symmetricLimit(difference) };
}

/** A labelled drop-down with the parameter's help line (options computed by the view, not by the definition). */
function SelectField({
  name,
  definition,
  value,
  options,
  onChange,
}: {
  name: string;
  definition: { readonly label: string; readonly help?: string };
  value: string | number;
  options: readonly { readonly value: string | number; readonly label: string }[];
  onChange: (value: string) => void;
}) {
  return (
    <div className="field">
      <label className="field-label" htmlFor={`${name}-select`}>
        {definition.label}
      </label>
      <select
        id={`${name}-select`}
        value={value}
        {...(definition.help ? { 'aria-describedby': `${name}-help` } : {})}
        onChange={(e) => onChange(e.target.value)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {definition.help && (
        <small className="field-help" id={`${name}-help`}>
          {definition.help}
        </small>
      )}
    </div>
  );
}

function StructurePicker({ held, values }: { held: Held | null; values: Values }) {
  const series = held?.value;
  const labels = params.structure.optionLabels as Record<string, string>;
  const species = series?.structure.species ?? [];
  const channels = series?.channels ?? (values.channel === 'all' ? [] : [values.channel]);
  return (
    <div className="controls structure-picker">
      <SelectField
        name="structure"
        definition={{ label: params.structure.label }}
        value={values.structure}
        options={params.structure.options.map((option) => ({
          value: option,
          label: labels[option] ?? option,
        }))}
        onChange={(structure) => update({ structure, pbc: 'periodic', centre: 0, channel: 'all' })}
      />
      <BoundaryOptions held={held} values={values} />
      <SelectField
        name="centre"
        definition={params.centre}
        value={values.centre}
        options={
          species.length === 0
            ? [{ value: values.centre, label: `atom ${values.centre}` }]
            : species.map((symbol, i) => ({ value: i, label: `atom ${i} (${symbol})` }))
        }
        onChange={(centre) => update({ centre: Number(centre) })}
      />
      <SelectField
        name="channel"
        definition={params.channel}
        value={values.channel}
        options={[
          { value: 'all', label: 'all (every atom)' },
          ...channels.map((symbol) => ({ value: symbol, label: symbol })),
        ]}
        onChange={(channel) => update({ channel })}
      />
    </div>
  );
}

/** A checkbox for a two-option parameter (its second option ticked), with its help line. */
function CheckField({
  name,
  value,
  disabled,
  help,
}: {
  name: 'pbc' | 'images';
  value: string;
  disabled: boolean;
  help: string;
}) {
  const [off, on] = params[name].options;
  return (
    <div className="field">
      <label className="field-check">
        <input
          type="checkbox"
          checked={value === on}
          disabled={disabled}
          aria-describedby={`${name}-help`}
          onChange={(e) => update({ [name]: e.target.checked ? on : off })}
        />
        {params[name].label}
      </label>
      <small className="field-help" id={`${name}-help`}>
        {help}
      </small>
    </div>
  );
}

/**
 * "Treat as a cluster" ignores a periodic structure's cell, like the CLI's --no-pbc; "show periodic images" draws
 * the neighbouring cells. Offered only for a structure with a periodic cell (and while one is computed, to take a
 * tick back).
 */
function BoundaryOptions({ held, values }: { held: Held | null; values: Values }) {
  const series = held?.value;
  const cluster = values.pbc === 'cluster';
  const periodic = series ? Boolean(series.structure.cell) || series.cellIgnored : cluster;
  const images = values.images === 'on';
  return (
    <>
      <CheckField
        name="pbc"
        value={values.pbc}
        disabled={!periodic && !cluster}
        help={periodic ? params.pbc.help : 'This structure has no periodic cell: it is a cluster.'}
      />
      <CheckField
        name="images"
        value={values.images}
        disabled={!(periodic && !cluster) && !images}
        help={params.images.help}
      />
    </>
  );
}

/** What the readout says of the structure's boundary: periodic (along which cell vectors), or a cluster. */
function boundaryText(series: FieldsSeries): string {
  if (series.cellIgnored) return 'a cluster (its cell ignored)';
  return describeBoundary(series.structure);
}

const percent = (x: number) => (Number.isFinite(x) ? `${(100 * x).toPrecision(2)} %` : '–');

function Readout({ held, values, shown }: { held: Held; values: Values; shown: Opaque<Shown> }) {
  const series = held.value;
  const field = values.field === 'density' ? 'density' : 'potential';
  const ball = series.errorByLmax[field][values.lMax];
  return (
    <div className="slice-readout" data-testid="slice-readout" data-centre={series.centre}>
      <ColourBar field={field} show={values.show} limit={shown.value.limit} />
      <p>
        Structure: <strong data-testid="boundary">{boundaryText(series)}</strong>. Centre: atom{' '}
        {series.centre} ({series.structure.species[series.centre]}), channel {values.channel}, plane{' '}
        {values.plane === 'normal' ? `⟂ (${values.normal.join(', ')})` : values.plane}. Relative L2 error of
        the expansion at n_max {values.nMax}, l_max {values.lMax}:{' '}
        <strong data-testid="slice-error">{percent(series.slice.error)}</strong> on this slice,{' '}
        <strong>{percent(ball ?? Number.NaN)}</strong> in the ball r &lt; r_c.
      </p>
    </div>
  );
}

function LessonStatus({ lesson }: { lesson: LessonState<FieldsSeries> }) {
  if (lesson.status === 'computing') return <ProgressLine progress={lesson.progress} />;
  if (lesson.status === 'failed')
    return (
      <p role="alert" className="fields-error" data-testid="fields-error">
        Not shown: {lesson.message}
        {lesson.previous ? ' (the view shows the previous request).' : ''}
      </p>
    );
  return null;
}

/**
 * Shows a pasted structure: packed into the link when it fits (the worker reads it from there), else handed to the
 * worker beside the link (`tooLarge`). Answers with what links will do with it.
 */
async function showPasted(structure: PastedStructure, setTooLarge: (s: PastedStructure | null) => void) {
  const packed = await encodeStructure(structure);
  const fits = packed.length <= LINK_STRUCTURE_LIMIT;
  setTooLarge(fits ? null : structure);
  update({ structure: 'pasted', pasted: fits ? packed : '', pbc: 'periodic', centre: 0, channel: 'all' });
  return fits
    ? 'links carry it'
    : `too large for links (${packed.length} characters packed, at most ${LINK_STRUCTURE_LIMIT}): links open without it`;
}

export default function FieldsView() {
  const values = useLessonValues<typeof params>();
  const [tooLarge, setTooLarge] = useState<PastedStructure | null>(null);
  const extra = useMemo(
    () =>
      values.structure === 'pasted' && values.pasted === '' && tooLarge
        ? { pastedStructure: tooLarge }
        : undefined,
    [values.structure, values.pasted, tooLarge],
  );
  const lesson = useLessonSeries<FieldsSeries>(fieldsLesson, extra);
  const series = lesson.status === 'ready' ? lesson.series : lesson.previous;
  const held = useMemo(() => series && new Opaque(series), [series]);
  const seriesFeatures = series?.features ?? null;
  // A background refresh shares the unchanged parts of the series (useLessonSeries): the slice is recoloured and the
  // heat map redrawn only when they changed.
  const features = useMemo(() => seriesFeatures && new Opaque(seriesFeatures), [seriesFeatures]);
  // The slice first: the charts and the heat map take longer to render, and follow in a render React may interrupt.
  const [chartsHeld, chartsValues, chartsBusy, chartsFeatures] = [
    useDeferredValue(held),
    useDeferredValue(values),
    useDeferredValue(lesson.status === 'computing'),
    useDeferredValue(features),
  ];
  const slice = series?.slice ?? null;
  const shown = useMemo(() => slice && new Opaque(shownValues(slice, values.show)), [slice, values.show]);
  const requested = values.plane === 'normal' ? values.normal : (values.plane as CartesianPlane);
  const computing = lesson.status === 'computing';
  const { plane, turn } = useSliceTurn(!computing, requested);
  // While a new slice is on its way, the one shown turns to the plane asked for at once.
  const orientation = useMemo(
    () => ({
      normal: planeNormal(plane),
      axes: computing || !series ? planeAxes(plane) : series.slice.axes,
      turn,
    }),
    [plane, turn, computing, series],
  );
  return (
    <>
      <div className="lesson fields-lesson" data-testid="fields" data-status={lesson.status}>
        <div>
          {held && shown ? (
            <Scene held={held} values={values} shown={shown} orientation={orientation} />
          ) : (
            <div className="viewer-box viewer-empty" />
          )}
          <LessonStatus lesson={lesson} />
          {held && shown && <Readout held={held} values={values} shown={shown} />}
        </div>
        <div>
          <StructurePicker held={held} values={values} />
          <PasteBox onStructure={(structure) => showPasted(structure, setTooLarge)} />
          <ParamControls params={GENERIC} label="Lesson controls" />
          {values.plane === 'normal' && <NormalInput normal={values.normal} />}
        </div>
      </div>
      {chartsHeld && <FieldsCharts held={chartsHeld} values={chartsValues} busy={chartsBusy} />}
      {chartsFeatures && <FeatureHeatMap features={chartsFeatures} />}
    </>
  );
}
