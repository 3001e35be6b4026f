import { lessonById } from '../../experiments/registry.ts';
import { engineName, useEngineStatus } from '../engine-status.ts';
import { useView } from '../use-view.ts';
import { parameterLine } from './describe-params.ts';

/**
 * The parameter line of the open lesson's figures (empty on the lesson picker): its short name, its session-scoped
 * values (or `keys`) and the engine. The selector returns the text itself, so a change that leaves it as it is
 * (moving the camera) re-renders nothing. The engine is the one of the latest result, else the link's choice.
 * `values` describes those instead of the view's (a figure drawn from deferred values).
 */
export function useParameterLine(
  keys?: readonly string[],
  values?: Readonly<Record<string, unknown>>,
): string {
  const status = useEngineStatus();
  return useView((s) => {
    const spec = s.view.lesson === null ? undefined : lessonById(s.view.lesson);
    const engine = status ? engineName(status) : s.view.engine;
    return spec ? parameterLine(spec, values ?? s.view.params, engine, keys) : '';
  });
}
