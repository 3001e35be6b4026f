/**
 * The view in the URL hash. Version 2: `#v=2&lesson=h2o-co2&step=explore&<the lesson's parameters>&hide=…&engine=…&present=0`,
 * every parameter spelled out so that a link reproduces the view even after defaults change; `#v=2` alone (or an
 * empty hash) is the lesson picker. Version 1 links (the H2O–CO2 lesson only, its steps named as lessons, `v`
 * optional) open the same view as before. Reading never throws: unknown lessons, keys and bad values open with
 * defaults, and each problem becomes a notice for the user.
 */
import type { LessonSpec } from '../experiments/lesson.ts';
import { formatParam, ownDefinition, parseParam, quote } from '../experiments/params.ts';
import { lessonById } from '../experiments/registry.ts';
import {
  ENGINE_CHOICES,
  hideable,
  lessonView,
  START_VIEW,
  type PageSettings,
  type ViewState,
} from './view-state.ts';

export const URL_VERSION = 2;
/** Longer links are not read: a view needs a few hundred characters. */
export const MAX_LINK_LENGTH = 8192;

export interface DecodedView {
  readonly state: ViewState;
  /** What was wrong with the link (empty when it was fine). */
  readonly notices: readonly string[];
}

/** Version 1 knew one lesson; its steps were lessons of their own. */
const V1_LESSON = 'h2o-co2';
const V1_STEPS: ReadonlyMap<string, string> = new Map([
  ['h2o-co2', 'explore'],
  ['water-centre', 'water-centre'],
  ['co2-centre', 'co2-centre'],
  ['all-atoms', 'all-atoms'],
]);

export function encodeView(state: ViewState): string {
  const params = new URLSearchParams({ v: String(URL_VERSION) });
  const spec = state.lesson === null ? undefined : lessonById(state.lesson);
  if (spec) {
    params.set('lesson', spec.id);
    params.set('step', state.step);
    for (const [key, definition] of Object.entries(spec.params)) {
      params.set(key, formatParam(definition, state.params[key]));
    }
    params.set('hide', state.hide.join(','));
  }
  params.set('engine', state.engine);
  params.set('present', state.present ? '1' : '0');
  return `#${params.toString()}`;
}

function parsePage(params: URLSearchParams, notices: string[]): PageSettings {
  const engineText = params.get('engine');
  const engine = ENGINE_CHOICES.find((c) => c === engineText);
  if (engineText !== null && !engine) {
    notices.push(`engine: ${quote(engineText)} is not one of ${ENGINE_CHOICES.join(', ')}; auto was used.`);
  }
  const presentText = params.get('present');
  if (presentText !== null && presentText !== '0' && presentText !== '1') {
    notices.push(`present: ${quote(presentText)} is not 0 or 1; presentation mode is off.`);
  }
  return { engine: engine ?? 'auto', present: presentText === '1' };
}

/** A version 1 link as the version 2 lesson and step it meant. */
function fromV1(params: URLSearchParams, notices: string[]): { lesson: string; step: string | null } {
  const lesson = params.get('lesson');
  if (lesson === null) return { lesson: V1_LESSON, step: null };
  const step = V1_STEPS.get(lesson);
  if (step === undefined) {
    notices.push(
      `lesson: ${quote(lesson)} is not one of ${[...V1_STEPS.keys()].join(', ')}; the default lesson opened.`,
    );
  }
  return { lesson: V1_LESSON, step: step ?? null };
}

function decodeLesson(
  spec: LessonSpec,
  stepId: string | null,
  params: URLSearchParams,
  page: PageSettings,
  notices: string[],
): ViewState {
  if (stepId !== null && !spec.steps.some((s) => s.id === stepId)) {
    notices.push(`step: ${quote(stepId)} is not a step of this lesson; its first step opened.`);
  }
  const base = lessonView(spec, stepId ?? undefined, page);
  const values: Record<string, unknown> = { ...base.params };
  let hide = base.hide;
  for (const [key, raw] of params) {
    if (['v', 'lesson', 'step', 'engine', 'present'].includes(key)) continue;
    if (key === 'hide') {
      const parsed = parseParam({ kind: 'flags', label: 'hide', options: hideable(spec), default: [] }, raw);
      if (parsed.ok) hide = parsed.value as string[];
      else notices.push(`hide: ${parsed.problem}; the step's default was used.`);
      continue;
    }
    const definition = ownDefinition(spec.params, key);
    if (!definition) {
      notices.push(`${quote(key)} is not a setting of this lesson; it was ignored.`);
      continue;
    }
    const parsed = parseParam(definition, raw);
    if (parsed.ok) values[key] = parsed.value;
    else notices.push(`${key}: ${parsed.problem}; the default was used.`);
  }
  return { ...base, hide, params: values };
}

/** Identical notices once, with a count (a link may repeat a bad key thousands of times). */
function merged(notices: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const n of notices) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts].map(([n, count]) => (count > 1 ? `${n} (${count} times)` : n));
}

export function decodeView(hash: string): DecodedView {
  if (hash.length > MAX_LINK_LENGTH) {
    return {
      state: START_VIEW,
      notices: [
        `This link is ${hash.length} characters long, more than the ${MAX_LINK_LENGTH} a view can need; it was not read.`,
      ],
    };
  }
  try {
    const { state, notices } = decode(hash);
    return { state, notices: merged(notices) };
  } catch (error) {
    // Nothing above should throw; if it does, the page still opens.
    return {
      state: START_VIEW,
      notices: [`The link could not be read (${String(error)}); the lessons opened.`],
    };
  }
}

function decode(hash: string): DecodedView {
  const text = hash.replace(/^#/, '');
  if (text.trim() === '') return { state: START_VIEW, notices: [] };
  const params = new URLSearchParams(text);
  const version = params.get('v');
  const notices: string[] = [];
  if (version !== null && /^\d+$/.test(version) && Number(version) > URL_VERSION) {
    notices.push(
      `This link was made by a newer version of LODE Explorer (v${version}); it opened with the defaults.`,
    );
    return { state: START_VIEW, notices };
  }
  if (version !== null && version !== '1' && version !== String(URL_VERSION)) {
    notices.push(`The link's version ${quote(version)} is not valid; it opened with the defaults.`);
    return { state: START_VIEW, notices };
  }
  const page = parsePage(params, notices);
  const wanted =
    version === null || version === '1'
      ? fromV1(params, notices)
      : { lesson: params.get('lesson'), step: params.get('step') };
  if (wanted.lesson === null) return { state: { ...START_VIEW, ...page }, notices };
  const spec = lessonById(wanted.lesson);
  if (!spec) {
    notices.push(
      `lesson: ${quote(wanted.lesson)} is not a lesson of this version; the lessons are listed instead.`,
    );
    return { state: { ...START_VIEW, ...page }, notices };
  }
  return { state: decodeLesson(spec, wanted.step, params, page, notices), notices };
}
