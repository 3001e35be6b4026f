/**
 * The dimer lesson's page: the chosen dimer in 3D at the chosen displacement, with the cutoff spheres of its two
 * closest atoms (one per monomer), the controls, and the charts of its class.
 */
import { useMemo } from 'react';
import { makeStructure, type Structure } from '../../../chem/structure.ts';
import type { BindingCurve } from '../../../data/curves.ts';
import { geometricCentre } from '../../../data/geometry.ts';
import { closestPair } from '../../../experiments/dimers/closest-pair.ts';
import { displacedDimer } from '../../../data/curves.ts';
import { LESSON_HYPERS } from '../../../experiments/dimers/binding-features.ts';
import type { DimersSeries } from '../../../experiments/dimers/session.ts';
import { CLASS_SIZES, dimersLesson, MEDIAN_DIMER, params } from '../../../experiments/dimers/spec.ts';
import { ParamControls } from '../../panels/ParamControls.tsx';
import { useDataset } from '../../use-dataset.ts';
import { useLessonSeries } from '../../use-lesson.ts';
import { moveCamera, useLessonValues, useView } from '../../use-view.ts';
import { MoleculeViewer } from '../../viewer/MoleculeViewer.tsx';
import { ResetViewButton } from '../../viewer/ResetViewButton.tsx';
import { DimersCharts } from './Charts.tsx';
import { DimerPicker } from './DimerPicker.tsx';
import type { ClassName } from '../../../experiments/dimers/split.ts';

/**
 * The dimer displaced by `shift`, moved so that the geometric centre of its database geometry is the origin: D1
 * keeps the protein's coordinates, tens of ångströms away, and the camera's default looks at the origin.
 */
function centredDimer(curve: BindingCurve, shift: number): Structure {
  const moved = displacedDimer(curve, shift);
  const centre = geometricCentre(curve.points[0]!.structure.positions);
  const positions = Float64Array.from(moved.positions, (v, i) => v - centre[i % 3]!);
  return makeStructure(moved.species, positions, { info: moved.info, arrays: moved.arrays });
}

/** The dimer slider's text: the dimer's name, and whether the models held it out once its class is computed. */
function dimerText(
  dimer: number,
  series: DimersSeries | null,
  id: string | undefined,
  test: ReadonlySet<number> | null,
): string {
  if (dimer === MEDIAN_DIMER)
    return series ? `median-error test dimer (${series.id})` : 'median-error test dimer';
  if (id === undefined) return `no dimer ${dimer} in this class`;
  return test ? `${id} (${test.has(dimer) ? 'test' : 'training'} dimer)` : id;
}

export default function DimersView() {
  const data = useDataset('d1-ssi');
  const values = useLessonValues<typeof params>();
  const cls = values.cls as ClassName;
  const lesson = useLessonSeries<DimersSeries>(dimersLesson);
  const present = useView((s) => s.view.present);
  const last = lesson.status === 'ready' ? lesson.series : lesson.previous;
  // What is still shown while another class computes belongs to the class before.
  const series = last?.cls === values.cls ? last : null;
  const curves = useMemo(
    () => (data.status === 'ready' ? data.dataset.curves.filter((c) => c.class === values.cls) : []),
    [data, values.cls],
  );
  // The median-error dimer is known once the class is computed; an explicit index is known at once.
  const index = values.dimer === MEDIAN_DIMER ? series?.index : values.dimer;
  const curve = index === undefined ? undefined : curves[index];
  const structure = useMemo(
    () => (curve ? centredDimer(curve, values.displacement) : null),
    [curve, values.displacement],
  );
  const pair = useMemo(() => (structure ? closestPair(structure) : null), [structure]);
  // The dimer slider spans the chosen class only.
  const controls = useMemo(
    () => ({ ...params, dimer: { ...params.dimer, max: CLASS_SIZES[cls] - 1 } }),
    [cls],
  );
  const test = useMemo(() => (series ? new Set(series.test) : null), [series]);
  if (data.status === 'failed')
    return <p role="alert">{`${data.title} could not be loaded: ${data.message}`}</p>;
  return (
    <>
      <div className="lesson">
        <div className="viewer-box">
          {structure && pair ? (
            <>
              <MoleculeViewer
                structure={structure}
                centres={[pair.a, pair.b]}
                cutoff={LESSON_HYPERS.cutoff}
                camera={values.camera}
                target={values.target}
                label={`Dimer ${curve!.id} of class ${values.cls}, displaced ${values.displacement.toFixed(2)} Å; closest atoms ${pair.distance.toFixed(2)} Å apart`}
                onCameraChange={moveCamera}
                bright={present}
              />
              <ResetViewButton onReset={() => moveCamera(params.camera.default, params.target.default)} />
            </>
          ) : (
            <p>
              {data.status === 'loading'
                ? `Loading ${data.title}…`
                : 'The dimer appears once its class is computed.'}
            </p>
          )}
        </div>
        <div className="controls-column">
          <ParamControls
            params={controls}
            label="Lesson controls"
            shown={{ dimer: dimerText(values.dimer, series, curves[values.dimer]?.id, test) }}
          />
          {data.status === 'ready' && <DimerPicker curves={data.dataset.curves} cls={cls} test={test} />}
        </div>
      </div>
      <DimersCharts lesson={lesson} displacement={values.displacement} />
    </>
  );
}
