/**
 * The view in the URL hash: `#v=1&lesson=h2o-co2&orientation=3&…`, every parameter spelled out so that a link
 * reproduces the view even after defaults change. Reading never throws: unknown keys, bad values and links from a
 * newer version open with defaults, and each problem becomes a notice for the user.
 */
import { formatParam, parseParam } from './params.ts';
import { presetView, VIEW_PARAMS, type ViewKey, type ViewState } from './view-state.ts';

export const URL_VERSION = 1;

export interface DecodedView {
  readonly state: ViewState;
  /** What was wrong with the link (empty when it was fine). */
  readonly notices: readonly string[];
}

export function encodeView(state: ViewState): string {
  const params = new URLSearchParams({ v: String(URL_VERSION) });
  for (const key of Object.keys(VIEW_PARAMS) as ViewKey[])
    params.set(key, formatParam(VIEW_PARAMS[key], state[key]));
  return `#${params.toString()}`;
}

export function decodeView(hash: string): DecodedView {
  const text = hash.replace(/^#/, '');
  if (text.trim() === '') return { state: presetView('h2o-co2'), notices: [] };
  const params = new URLSearchParams(text);
  const version = params.get('v');
  if (version !== null && Number(version) > URL_VERSION) {
    return {
      state: presetView('h2o-co2'),
      notices: [
        `This link was made by a newer version of LODE Explorer (v${version}); it opened with the defaults.`,
      ],
    };
  }
  if (version !== null && version !== String(URL_VERSION)) {
    return {
      state: presetView('h2o-co2'),
      notices: [`The link's version '${version}' is not valid; it opened with the defaults.`],
    };
  }
  const notices: string[] = [];
  const lessonParsed = parseParam(VIEW_PARAMS.lesson, params.get('lesson') ?? VIEW_PARAMS.lesson.default);
  if (!lessonParsed.ok) notices.push(`lesson: ${lessonParsed.problem}; the default lesson opened.`);
  const base = presetView(lessonParsed.ok ? (lessonParsed.value as string) : VIEW_PARAMS.lesson.default);
  const state: Record<string, unknown> = { ...base };
  for (const [key, raw] of params) {
    if (key === 'v' || key === 'lesson') continue;
    if (!(key in VIEW_PARAMS)) {
      notices.push(`'${key}' is not a setting of this version; it was ignored.`);
      continue;
    }
    const parsed = parseParam(VIEW_PARAMS[key as ViewKey], raw);
    if (parsed.ok) state[key] = parsed.value;
    else notices.push(`${key}: ${parsed.problem}; the default was used.`);
  }
  return { state: state as ViewState, notices };
}
