import { lessonById } from '../../experiments/registry.ts';
import { engineName, engineStatusNow } from '../engine-status.ts';
import { viewStore } from '../use-view.ts';
import { parameterLine } from './describe-params.ts';

/**
 * The parameter line of the open lesson's figures now (empty on the lesson picker): its short name, its
 * session-scoped values (or `keys`) and the engine, the one of the latest result, else the link's choice. Read when a
 * figure is exported rather than while it renders: a chart subscribed to every parameter would redraw on each step
 * of any slider.
 */
export function currentParameterLine(keys?: readonly string[]): string {
  const { view } = viewStore.getState();
  const spec = view.lesson === null ? undefined : lessonById(view.lesson);
  const status = engineStatusNow();
  return spec ? parameterLine(spec, view.params, status ? engineName(status) : view.engine, keys) : '';
}
