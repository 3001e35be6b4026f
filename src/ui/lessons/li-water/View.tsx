/**
 * The water-on-lithium lesson's page: the Li(100) slab with its cell outline and (optionally) its periodic images,
 * the water at the chosen height with the cutoff spheres of its three atoms, the image plane of the reference model,
 * and the water's induced dipole as arrows (reference and both models); the controls; the charts.
 */
import { useMemo } from 'react';
import { makeStructure, type Cell, type Structure } from '../../../chem/structure.ts';
import { displacedDimer } from '../../../data/curves.ts';
import type { D3Dataset } from '../../../data/d3.ts';
import { FAR_HEIGHT } from '../../../experiments/li-water/features.ts';
import type { LiWaterSeries } from '../../../experiments/li-water/session.ts';
import { liWaterLesson, MEDIAN_CONFIGURATION, params } from '../../../experiments/li-water/spec.ts';
import { ParamControls } from '../../panels/ParamControls.tsx';
import { useDataset } from '../../use-dataset.ts';
import { useLessonSeries } from '../../use-lesson.ts';
import { moveCamera, useLessonValues, useView, viewStore } from '../../use-view.ts';
import { Arrow } from '../../viewer/Arrow.tsx';
import { CellOutline } from '../../viewer/CellOutline.tsx';
import { MoleculeViewer } from '../../viewer/MoleculeViewer.tsx';
import { ResetViewButton } from '../../viewer/ResetViewButton.tsx';
import { PeriodicImages } from '../../viewer/PeriodicImages.tsx';
import { PlaneSheet } from '../../viewer/PlaneSheet.tsx';
import { arrowScale } from './arrow-scale.ts';
import { LiWaterCharts } from './Charts.tsx';

type Vec3 = readonly [number, number, number];

/** How far above the top layer the drawn cell outline reaches (the cell is not periodic along z). */
const OUTLINE_ABOVE = 10;
export const ARROW_COLOURS = { reference: '#e8eaed', 'rho-rho': '#ff6b6b', 'rho-V': '#4dabf7' } as const;

/** What the 3D view draws of the dataset: the slab alone (for its images), its top and the image plane. */
function slabScene(dataset: D3Dataset) {
  const first = dataset.curves[0]!.points[0]!.structure;
  const atoms = first.species.length - 3;
  const slab = makeStructure(first.species.slice(0, atoms), first.positions.slice(0, 3 * atoms), {
    ...(first.cell ? { cell: first.cell } : {}),
    ...(first.pbc ? { pbc: first.pbc } : {}),
  });
  const z = Array.from({ length: atoms }, (_, i) => first.positions[3 * i + 2]!);
  const top = Math.max(...z);
  const [a, , , , b] = first.cell ?? [0, 0, 0, 0, 0, 0, 0, 0, 0];
  const outline: Cell = [a!, 0, 0, 0, b!, 0, 0, 0, top + OUTLINE_ABOVE];
  const plane = Number(dataset.provenance[0]?.settings.imagePlane ?? Number.NaN);
  return { slab, top, outline, imagePlane: Number.isFinite(plane) ? top + plane : null, a: a!, b: b! };
}

const ZERO: Vec3 = [0, 0, 0];
const ARROW_KEYS = ['rho-rho', 'rho-V', 'reference'] as const;

/**
 * Dipole arrows from the water's O: the reference (at the dataset's heights only) and both models (from 4.5 Å up);
 * every slot is always there, with a zero vector when it has nothing to show (see Arrow).
 */
function dipoleArrows(series: LiWaterSeries | null, structure: Structure) {
  const n = structure.species.length;
  const origin: Vec3 = [
    structure.positions[3 * (n - 3)]!,
    structure.positions[3 * (n - 3) + 1]!,
    structure.positions[3 * (n - 3) + 2]!,
  ];
  const k = series ? series.heights.findIndex((h) => Math.abs(h - series.at.height) < 1e-6) : -1;
  const models = series?.at.dipoles;
  const vectors: Record<(typeof ARROW_KEYS)[number], Vec3 | null> = {
    'rho-rho': models?.['rho-rho'] ?? null,
    'rho-V': models?.['rho-V'] ?? null,
    reference: series && k >= 0 ? series.dipoles.reference[k]! : null,
  };
  const shown = ARROW_KEYS.filter((key) => vectors[key] !== null);
  const scale = arrowScale(shown.map((key) => vectors[key]!));
  const slots = ARROW_KEYS.map((key) => ({
    key,
    origin,
    vector: (vectors[key]?.map((v) => scale * v) as unknown as Vec3 | undefined) ?? ZERO,
    color: ARROW_COLOURS[key],
  }));
  return { shown, scale, slots };
}

export default function LiWaterView() {
  const data = useDataset('d3-li-water');
  const values = useLessonValues<typeof params>();
  const lesson = useLessonSeries<LiWaterSeries>(liWaterLesson);
  const present = useView((s) => s.view.present);
  const last = lesson.status === 'ready' ? lesson.series : lesson.previous;
  const dataset = data.status === 'ready' ? data.dataset : null;
  const scene = useMemo(() => (dataset ? slabScene(dataset) : null), [dataset]);
  // The median-error configuration is known once the models are trained; an explicit one at once.
  const index =
    values.configuration === MEDIAN_CONFIGURATION ? last && last.configuration - 1 : values.configuration - 1;
  const curve = index === null || index === undefined ? undefined : dataset?.curves[index];
  const structure = useMemo(
    () => (curve ? displacedDimer(curve, values.height) : null),
    [curve, values.height],
  );
  // Arrows belong to the configuration and height they were computed for.
  const shown =
    last && curve && last.id === curve.id && Math.abs(last.at.height - values.height) < 1e-9 ? last : null;
  const arrows = useMemo(() => (structure ? dipoleArrows(shown, structure) : null), [shown, structure]);
  if (data.status === 'failed')
    return <p role="alert">{`${data.title} could not be loaded: ${data.message}`}</p>;
  const n = structure?.species.length ?? 0;
  return (
    <>
      <div className="lesson">
        <div className="viewer-box" data-arrows={arrows?.shown.join(' ') ?? ''}>
          {structure && scene ? (
            <>
              <MoleculeViewer
                structure={structure}
                centres={[n - 3, n - 2, n - 1]}
                cutoff={values.cutoff}
                camera={values.camera}
                target={values.target}
                label={`Water ${curve!.id} ${values.height.toFixed(2)} Å above a Li(100) slab of ${n - 3} atoms, periodic in x and y`}
                onCameraChange={moveCamera}
                bright={present}
              >
                <CellOutline cell={scene.outline} />
                {values.images === 'on' && <PeriodicImages structure={scene.slab} />}
                {scene.imagePlane !== null && (
                  <PlaneSheet
                    z={scene.imagePlane}
                    extent={
                      values.images === 'on'
                        ? { x0: -scene.a, x1: 2 * scene.a, y0: -scene.b, y1: 2 * scene.b }
                        : { x0: 0, x1: scene.a, y0: 0, y1: scene.b }
                    }
                  />
                )}
                {arrows?.slots.map((arrow) => (
                  <Arrow key={arrow.key} origin={arrow.origin} vector={arrow.vector} color={arrow.color} />
                ))}
              </MoleculeViewer>
              <p className="viewer-legend" data-testid="arrow-legend">
                {`Arrows from O: induced dipole P^W, ${arrows?.shown.length ? `1 Å per ${Number((1000 / arrows.scale).toPrecision(3))}×10⁻³ e·Å` : 'none at this height'} — reference (white, at the dataset's heights), ` +
                  `ρ⊗ρ (red) and ρ⊗V (blue) above ${FAR_HEIGHT} Å. Blue sheet: the reference model's image plane.`}
              </p>
              <ResetViewButton onReset={() => moveCamera(params.camera.default, params.target.default)} />
            </>
          ) : (
            <p>
              {data.status === 'loading'
                ? `Loading ${data.title}…`
                : 'The water appears once the models have chosen the median test configuration.'}
            </p>
          )}
        </div>
        <ParamControls
          params={params}
          label="Lesson controls"
          shown={{
            configuration:
              values.configuration === MEDIAN_CONFIGURATION
                ? `median-error test configuration${last ? ` (${last.id})` : ''}`
                : (dataset?.curves[values.configuration - 1]?.id ??
                  `no configuration ${values.configuration}`),
          }}
        />
      </div>
      <div className="lesson-actions">
        <button
          type="button"
          onClick={() => viewStore.getState().update({ split: (values.split + 1) % (params.split.max + 1) })}
        >
          Reshuffle the split
        </button>
      </div>
      <LiWaterCharts lesson={lesson} />
    </>
  );
}
