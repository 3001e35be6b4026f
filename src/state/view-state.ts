/** Everything a view of the H2O–CO2 lesson shows, as typed parameters (see params.ts), and the lesson presets. */
import type { ParamDefinition, ParamValue } from './params.ts';

/** Controls a teacher can hide for a lesson (presentation mode). */
export const HIDEABLE = [
  'centring',
  'lMax',
  'features',
  'cutoff',
  'sigma',
  'nMax',
  'trainWindow',
  'orientation',
] as const;

export const VIEW_PARAMS = {
  lesson: {
    kind: 'choice',
    options: ['h2o-co2', 'water-centre', 'co2-centre', 'all-atoms'],
    default: 'h2o-co2',
  },
  orientation: { kind: 'int', min: 0, max: 32, default: 0 },
  separation: { kind: 'number', min: 3, max: 20, default: 7.5, digits: 2 },
  centring: { kind: 'choice', options: ['water-O', 'co2-C', 'all'], default: 'water-O' },
  lMax: { kind: 'int', min: 0, max: 6, default: 1 },
  features: { kind: 'choice', options: ['rho-V', 'rho-rho'], default: 'rho-V' },
  cutoff: { kind: 'number', min: 1, max: 8, default: 3, digits: 2 },
  sigma: { kind: 'number', min: 0.1, max: 1.5, default: 0.3, digits: 2 },
  nMax: { kind: 'int', min: 1, max: 12, default: 6 },
  trainWindow: { kind: 'range', min: 3, max: 20, default: [6.5, 9] },
  camera: { kind: 'vector3', default: [0, -22, 4] },
  target: { kind: 'vector3', default: [0, 0, 3.75] },
  hide: { kind: 'flags', options: HIDEABLE, default: [] },
} as const satisfies Record<string, ParamDefinition>;

export type ViewKey = keyof typeof VIEW_PARAMS;
export type ViewState = { readonly [K in ViewKey]: ParamValue<(typeof VIEW_PARAMS)[K]> };

function defaults<P extends Record<string, ParamDefinition>>(
  params: P,
): { [K in keyof P]: ParamValue<P[K]> } {
  const out: Partial<{ [K in keyof P]: ParamValue<P[K]> }> = {};
  for (const key in params) out[key] = params[key].default as ParamValue<P[typeof key]>;
  return out as { [K in keyof P]: ParamValue<P[K]> };
}

export const DEFAULT_VIEW: ViewState = defaults(VIEW_PARAMS);

/** Lesson presets: a starting view per lesson step (paper Fig. 3 a–c). */
export const PRESETS: Readonly<Record<string, Partial<ViewState>>> = {
  'h2o-co2': {},
  'water-centre': { centring: 'water-O', lMax: 0, hide: ['centring'] },
  'co2-centre': { centring: 'co2-C', lMax: 0, hide: ['centring'] },
  'all-atoms': { centring: 'all', lMax: 0, hide: ['centring'] },
};

export function presetView(lesson: string): ViewState {
  return { ...DEFAULT_VIEW, ...(PRESETS[lesson] ?? {}), lesson };
}
