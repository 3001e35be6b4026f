import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lessonById } from '../experiments/registry.ts';
import { formatParam, parseParam } from '../experiments/params.ts';
import { decodeView, encodeView } from './url-codec.ts';
import { ENGINE_CHOICES, type ViewState } from './view-state.ts';

/** Everything a decoded view must be, whatever the link: a lesson that exists with all its values valid, or none. */
function expectValid(state: ViewState): void {
  expect(ENGINE_CHOICES).toContain(state.engine);
  expect(typeof state.present).toBe('boolean');
  if (state.lesson === null) return;
  const spec = lessonById(state.lesson)!;
  expect(spec.steps.map((s) => s.id)).toContain(state.step);
  expect(Object.keys(state.params).sort()).toEqual(Object.keys(spec.params).sort());
  for (const [key, definition] of Object.entries(spec.params)) {
    const value = state.params[key];
    expect(parseParam(definition, formatParam(definition, value)), key).toEqual({ ok: true, value });
  }
  for (const hidden of state.hide) expect(Object.keys(spec.params)).toContain(hidden);
}

const keys = fc.constantFrom(
  'v',
  'lesson',
  'step',
  'engine',
  'present',
  'hide',
  'lMax',
  'separation',
  'trainWindow',
  'camera',
  'centring',
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
);
const values = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    '1',
    '2',
    '3',
    'h2o-co2',
    'co2-centre',
    'water-centre',
    'cpu',
    'NaN',
    '1e999',
    '-0',
    '6,9',
    ',',
    '',
  ),
  fc.double().map(String),
  fc.double({ min: 2.5, max: 20.5, noNaN: true }).map(String),
  fc
    .tuple(fc.double({ min: 2, max: 21, noNaN: true }), fc.double({ min: 2, max: 21, noNaN: true }))
    .map(([a, b]) => `${a},${b}`),
  fc
    .tuple(fc.double({ noNaN: true }), fc.double({ noNaN: true }), fc.double({ noNaN: true }))
    .map((v) => v.join(',')),
);
const hashes = fc.oneof(
  fc.string({ maxLength: 200 }).map((s) => `#${s}`),
  fc
    .array(fc.tuple(keys, values), { maxLength: 12 })
    .map((pairs) => `#${pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`),
);

describe('URL codec, on generated links', () => {
  it('never throws; always gives a valid view; its re-encoding opens the same view without notices', () => {
    fc.assert(
      fc.property(hashes, (hash) => {
        const { state } = decodeView(hash);
        expectValid(state);
        expect(decodeView(encodeView(state))).toEqual({ state, notices: [] });
      }),
      { seed: 1, numRuns: 3000 },
    );
  });
});
