import { describe, expect, it } from 'vitest';
import { defaultValues, type ParamDefinitions } from '../../experiments/params.ts';
import { h2oCo2Lesson, params } from '../../experiments/h2o-co2/spec.ts';
import { describeParams, describeValue, parameterLine, shortTitle } from './describe-params.ts';

const defaults = { ...defaultValues(params) } as Record<string, unknown>;

describe('describeParams', () => {
  it('writes every session-scoped parameter of the H2O–CO2 lesson as "label value unit", in order', () => {
    expect(describeParams(params, defaults)).toBe(
      [
        'Orientation 0',
        'Centres O of H2O',
        'Angular cutoff l_max 1',
        'Features ρ⊗V (multi-scale LODE)',
        'Cutoff r_c 3 Å',
        'Gaussian width σ 0.3 Å',
        'Radial functions n_max 6',
        'Training window 6.5–9 Å',
      ].join(' · '),
    );
  });

  it('takes the given keys in their order, view-scoped ones too, and skips unknown keys and missing values', () => {
    expect(
      describeParams(params, { ...defaults, separation: 7.456, nMax: undefined }, [
        'separation',
        'nMax',
        'toString',
        'lMax',
      ]),
    ).toBe('Separation R 7.46 Å · Angular cutoff l_max 1');
  });

  it('formats every kind of parameter', () => {
    const all: ParamDefinitions = {
      count: { kind: 'int', label: 'Count', min: 0, max: 9, step: 1, default: 2 },
      width: {
        kind: 'number',
        label: 'Width',
        min: 0,
        max: 9,
        step: 0.1,
        unit: 'nm',
        digits: 1,
        default: 1.25,
      },
      mode: { kind: 'choice', label: 'Mode', options: ['a', 'b'], default: 'b' },
      span: { kind: 'range', label: 'Span', min: 0, max: 9, step: 1, default: [1, 2.5] },
      at: { kind: 'vector3', label: 'At', default: [0, -1.5, 2] },
      on: { kind: 'flags', label: 'On', options: ['x', 'y'], default: ['x', 'y'] },
      off: { kind: 'flags', label: 'Off', options: ['x'], default: [] },
      data: { kind: 'text', label: 'Data', maxLength: 9, default: 'abc' },
      none: { kind: 'text', label: 'None', maxLength: 9, default: '' },
    };
    expect(describeParams(all, defaultValues(all))).toBe(
      'Count 2 · Width 1.3 nm · Mode b · Span 1–2.5 · At (0, -1.5, 2) · On x, y · Off none · Data 3 characters · ' +
        'None none',
    );
    expect(describeValue(params.centring, 'co2-C')).toBe('C of CO2');
  });
});

describe('parameterLine', () => {
  it('names the lesson, its values and the engine', () => {
    expect(shortTitle(h2oCo2Lesson)).toBe('H2O–CO2');
    const line = parameterLine(h2oCo2Lesson, defaults, 'cpu');
    expect(line.startsWith('H2O–CO2 · Orientation 0 · Centres O of H2O · ')).toBe(true);
    expect(line).toContain('Radial functions n_max 6');
    expect(line.endsWith(' · engine cpu')).toBe(true);
  });
});
