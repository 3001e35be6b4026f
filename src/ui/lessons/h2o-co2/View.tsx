/** The H2O–CO2 lesson's page: the dimer in 3D with its cutoff spheres, the controls, and the three charts. */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { Structure } from '../../../chem/structure.ts';
import { centresFor, dimerAt } from '../../../experiments/h2o-co2/geometry.ts';
import type { LessonSeries } from '../../../experiments/h2o-co2/session.ts';
import { h2oCo2Lesson, params, type Centring } from '../../../experiments/h2o-co2/spec.ts';
import { ParamControls } from '../../panels/ParamControls.tsx';
import { useDataset } from '../../use-dataset.ts';
import { useLessonSeries } from '../../use-lesson.ts';
import { useLessonValues, useView, viewStore } from '../../use-view.ts';
import { MoleculeViewer } from '../../viewer/MoleculeViewer.tsx';
import { ResetViewButton } from '../../viewer/ResetViewButton.tsx';
import { H2oCo2Charts } from './Charts.tsx';

type Vec3 = readonly [number, number, number];

/** Centre of a structure's bounding box: where the camera looks. */
function boxCentre(structure: Structure): Vec3 {
  const p = structure.positions;
  const centre = [0, 1, 2].map((axis) => {
    let [lo, hi] = [Infinity, -Infinity];
    for (let i = axis; i < p.length; i += 3) [lo, hi] = [Math.min(lo, p[i]!), Math.max(hi, p[i]!)];
    return (lo + hi) / 2;
  });
  return [centre[0]!, centre[1]!, centre[2]!];
}

/**
 * Keeps the dimer in view as R changes: camera and target move with its centre. Not on the first render, and not
 * when the camera changed together with R (a link opened): a link's camera is kept as it is. Returns the function
 * that moves the camera on the page's behalf (orbiting, reset), so that such moves are not taken for a link's.
 */
function useRecentring(structure: Structure | null): (camera: Vec3, target: Vec3) => void {
  const previous = useRef<{ centre: Vec3; camera: unknown; target: unknown } | null>(null);
  const moveCamera = useCallback((camera: Vec3, target: Vec3) => {
    if (previous.current) previous.current = { ...previous.current, camera, target };
    viewStore.getState().update({ camera, target });
  }, []);
  useEffect(() => {
    if (!structure) return;
    const { camera, target } = viewStore.getState().view.params as { camera: Vec3; target: Vec3 };
    const centre = boxCentre(structure);
    const before = previous.current;
    previous.current = { centre, camera, target };
    if (!before || before.camera !== camera || before.target !== target) return;
    const shift = centre.map((x, i) => x - before.centre[i]!);
    if (shift.some((x) => Math.abs(x) > 1e-9)) moveCamera(shifted(camera, shift), shifted(target, shift));
  }, [structure, moveCamera]);
  return moveCamera;
}

const shifted = (v: Vec3, by: readonly number[]): Vec3 => [v[0] + by[0]!, v[1] + by[1]!, v[2] + by[2]!];

/** The default viewpoint, looking at the structure's centre. */
function homeView(structure: Structure): [Vec3, Vec3] {
  const centre = boxCentre(structure);
  const shift = centre.map((x, i) => x - params.target.default[i]!);
  return [shifted(params.camera.default, shift), centre];
}

function Scene() {
  const data = useDataset('d2-h2o-co2');
  const values = useLessonValues<typeof params>();
  const curve = data.status === 'ready' ? data.dataset.curves[values.orientation] : undefined;
  const structure = useMemo(
    () => (curve ? dimerAt(curve, values.separation) : null),
    [curve, values.separation],
  );
  const moveCamera = useRecentring(structure);
  const present = useView((s) => s.view.present);
  if (data.status === 'failed')
    return <p role="alert">{`${data.title} could not be loaded: ${data.message}`}</p>;
  if (!structure || data.status !== 'ready') return <p>Loading {data.title}…</p>;
  const centres = centresFor(values.centring as Centring, structure.species.length).dimer;
  return (
    <div className="lesson">
      <div className="viewer-box">
        <MoleculeViewer
          structure={structure}
          centres={centres}
          cutoff={values.cutoff}
          camera={values.camera}
          target={values.target}
          label={`Water and CO2, orientation ${curve?.id ?? ''}, ${values.separation.toFixed(2)} Å apart`}
          onCameraChange={moveCamera}
          bright={present}
        />
        <ResetViewButton onReset={() => moveCamera(...homeView(structure))} />
      </div>
      <ParamControls
        params={params}
        label="Lesson controls"
        shown={{ orientation: data.dataset.curves[values.orientation]?.id ?? '' }}
      />
    </div>
  );
}

function Charts() {
  const lesson = useLessonSeries<LessonSeries>(h2oCo2Lesson);
  const values = useLessonValues<typeof params>();
  return (
    <H2oCo2Charts
      lesson={lesson}
      window={values.trainWindow}
      lMax={values.lMax}
      separation={values.separation}
    />
  );
}

export default function H2oCo2View() {
  return (
    <>
      <Scene />
      <Charts />
    </>
  );
}
