import { lessonById } from '../../experiments/registry.ts';
import { useView } from '../use-view.ts';
import { parameterLine } from './describe-params.ts';

/**
 * The parameter line of the open lesson's figures (empty on the lesson picker): its short name, its session-scoped
 * values (or `keys`) and the engine. The selector returns the text itself, so a change that leaves it as it is
 * (moving the camera) re-renders nothing.
 */
export function useParameterLine(keys?: readonly string[]): string {
  return useView((s) => {
    const spec = s.view.lesson === null ? undefined : lessonById(s.view.lesson);
    return spec ? parameterLine(spec, s.view.params, s.view.engine, keys) : '';
  });
}
