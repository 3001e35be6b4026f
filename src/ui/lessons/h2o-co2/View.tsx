/** The H2O–CO2 lesson's page: the dimer in 3D with its cutoff spheres, the controls, and the three charts. */
import { useMemo } from 'react';
import { centresFor, dimerAt } from '../../../experiments/h2o-co2/geometry.ts';
import type { LessonSeries } from '../../../experiments/h2o-co2/session.ts';
import { h2oCo2Lesson, params, type Centring } from '../../../experiments/h2o-co2/spec.ts';
import { ParamControls } from '../../panels/ParamControls.tsx';
import { useDataset } from '../../use-dataset.ts';
import { useLessonSeries } from '../../use-lesson.ts';
import { useLessonValues, viewStore } from '../../use-view.ts';
import { MoleculeViewer } from '../../viewer/MoleculeViewer.tsx';
import { LessonCharts } from './Charts.tsx';

function Scene() {
  const data = useDataset('d2-h2o-co2');
  const values = useLessonValues<typeof params>();
  const curve = data.status === 'ready' ? data.dataset.curves[values.orientation] : undefined;
  const structure = useMemo(
    () => (curve ? dimerAt(curve, values.separation) : null),
    [curve, values.separation],
  );
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
          onCameraChange={(camera, target) => viewStore.getState().update({ camera, target })}
        />
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
    <LessonCharts
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
