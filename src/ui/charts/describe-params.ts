/**
 * A lesson's parameter values as one line of text for captions and exports ("Cutoff r_c 3 Å · Radial functions
 * n_max 6 · Training window 6.5–9 Å"), from the parameters' own labels, units and option labels.
 */
import type { LessonSpec } from '../../experiments/lesson.ts';
import {
  formatParam,
  ownDefinition,
  type ParamDefinition,
  type ParamDefinitions,
} from '../../experiments/params.ts';

const SEPARATOR = ' · ';

/** One value as a reader reads it: an option's label, numbers rounded as in links, a range as "a–b". */
export function describeValue(definition: ParamDefinition, value: unknown): string {
  const unit = 'unit' in definition && definition.unit ? ` ${definition.unit}` : '';
  switch (definition.kind) {
    case 'choice':
      return definition.optionLabels?.[value as string] ?? String(value);
    case 'range':
      return `${formatParam(definition, value).replace(',', '–')}${unit}`;
    case 'vector3':
      return `(${formatParam(definition, value).replaceAll(',', ', ')})`;
    case 'flags':
      return (value as readonly string[]).length > 0 ? (value as readonly string[]).join(', ') : 'none';
    case 'text':
      return value === '' ? 'none' : `${(value as string).length} characters`;
    default:
      return `${formatParam(definition, value)}${unit}`;
  }
}

/**
 * "label value unit" for each parameter, joined by " · ": the given keys in their order, or else every
 * session-scoped parameter (those that change what is computed) in definition order. Keys without a definition or a
 * value are skipped.
 */
export function describeParams(
  params: ParamDefinitions,
  values: Readonly<Record<string, unknown>>,
  keys?: readonly string[],
): string {
  const chosen = keys ?? Object.keys(params).filter((key) => (params[key].scope ?? 'session') === 'session');
  return chosen
    .flatMap((key) => {
      const definition = ownDefinition(params, key);
      const value = Object.hasOwn(values, key) ? values[key] : undefined;
      return definition && value !== undefined
        ? [`${definition.label} ${describeValue(definition, value)}`]
        : [];
    })
    .join(SEPARATOR);
}

/** The lesson's short name: its title up to a colon ("H2O–CO2" of "H2O–CO2: which multipoles…"). */
export const shortTitle = (spec: Pick<LessonSpec, 'title'>): string => spec.title.split(':')[0].trim();

/** The line under an exported figure: the lesson, its session-scoped values and the engine. */
export function parameterLine(
  spec: Pick<LessonSpec, 'title' | 'params'>,
  values: Readonly<Record<string, unknown>>,
  engine: string,
  keys?: readonly string[],
): string {
  return [shortTitle(spec), describeParams(spec.params, values, keys), `engine ${engine}`]
    .filter((part) => part !== '')
    .join(SEPARATOR);
}
