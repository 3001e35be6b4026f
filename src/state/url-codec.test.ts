import { describe, expect, it } from 'vitest';
import { decodeView, encodeView, URL_VERSION } from './url-codec.ts';
import { DEFAULT_VIEW, presetView, type ViewState } from './view-state.ts';

const custom: ViewState = {
  ...DEFAULT_VIEW,
  orientation: 17,
  separation: 8.25,
  centring: 'co2-C',
  lMax: 2,
  features: 'rho-rho',
  cutoff: 3.5,
  sigma: 0.45,
  nMax: 8,
  trainWindow: [6, 9.5],
  camera: [1.5, -12.25, 7],
  target: [0, 0.5, 4],
  hide: ['sigma', 'nMax'],
};

describe('view ↔ URL hash', () => {
  it('round-trips every setting', () => {
    const hash = encodeView(custom);
    expect(hash).toMatch(new RegExp(`^#v=${URL_VERSION}&`));
    expect(decodeView(hash)).toEqual({ state: custom, notices: [] });
  });

  it('an empty hash is the default view, silently', () => {
    expect(decodeView('')).toEqual({ state: DEFAULT_VIEW, notices: [] });
  });

  it('a lesson preset sets its starting view, and explicit settings override it', () => {
    expect(decodeView('#lesson=co2-centre').state).toEqual(presetView('co2-centre'));
    expect(decodeView('#lesson=co2-centre').state.centring).toBe('co2-C');
    expect(decodeView('#lesson=co2-centre&lMax=3').state.lMax).toBe(3);
  });

  it.each([
    ['#v=1&lMax=99', 'lMax'],
    ['#v=1&separation=abc', 'separation'],
    ['#v=1&orientation=2.5', 'orientation'],
    ['#v=1&trainWindow=9,6', 'trainWindow'],
    ['#v=1&camera=1,2', 'camera'],
    ['#v=1&hide=everything', 'hide'],
    ['#v=1&centring=', 'centring'],
    ['#v=1&lesson=nope', 'lesson'],
    ['#v=1&colour=red', 'colour'],
  ])('a corrupted link %s opens with defaults for the bad part and a notice', (hash, key) => {
    const { state, notices } = decodeView(hash);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain(key);
    expect(state).toEqual(DEFAULT_VIEW);
  });

  it('a link from a newer version opens with the defaults and says so', () => {
    const { state, notices } = decodeView(`#v=${URL_VERSION + 1}&lMax=3&whatever=1`);
    expect(state).toEqual(DEFAULT_VIEW);
    expect(notices.join(' ')).toMatch(/newer version/);
  });

  it('survives arbitrary garbage without throwing', () => {
    for (const hash of [
      '#%%%',
      '#&&&=',
      '#v=abc',
      '#=1',
      `#${'x'.repeat(10_000)}`,
      '#lMax=1&lMax=2',
      '#v=1&separation=1e999',
    ]) {
      const { state } = decodeView(hash);
      expect(Object.keys(state).sort()).toEqual(Object.keys(DEFAULT_VIEW).sort());
    }
  });
});
