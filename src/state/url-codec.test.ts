import { describe, expect, it } from 'vitest';
import { h2oCo2Lesson } from '../experiments/h2o-co2/spec.ts';
import { decodeView, encodeView, URL_VERSION } from './url-codec.ts';
import { lessonView, START_VIEW, type ViewState } from './view-state.ts';

const DEFAULT_LESSON = lessonView(h2oCo2Lesson);

const custom: ViewState = {
  lesson: 'h2o-co2',
  step: 'co2-centre',
  engine: 'webgpu',
  present: true,
  hide: ['sigma', 'nMax'],
  params: {
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
  },
};

describe('view ↔ URL hash (v2)', () => {
  it('round-trips every setting', () => {
    const hash = encodeView(custom);
    expect(hash).toMatch(new RegExp(`^#v=${URL_VERSION}&lesson=h2o-co2&step=co2-centre&`));
    expect(decodeView(hash)).toEqual({ state: custom, notices: [] });
  });

  it('carries packed data (a pasted structure) as base64url text up to its length limit', () => {
    const packed = 'A-z_09'.repeat(100);
    const view = decodeView(`#v=2&lesson=fields&structure=pasted&pasted=${packed}`);
    expect(view).toMatchObject({ notices: [], state: { params: { structure: 'pasted', pasted: packed } } });
    expect(decodeView(encodeView(view.state)).state).toEqual(view.state);
    const bad = decodeView('#v=2&lesson=fields&pasted=a%2Bb');
    expect(bad.state.params.pasted).toBe('');
    expect(bad.notices[0]).toMatch(/pasted.*'a\+b' holds characters other than/);
    const long = decodeView(`#v=2&lesson=fields&pasted=${'a'.repeat(7001)}`);
    expect(long.notices[0]).toMatch(/7001 characters, more than 7000/);
  });

  it('an empty hash (or v=2 alone) is the lesson picker, silently', () => {
    expect(decodeView('')).toEqual({ state: START_VIEW, notices: [] });
    expect(decodeView('#v=2')).toEqual({ state: START_VIEW, notices: [] });
    expect(decodeView(encodeView(START_VIEW))).toEqual({ state: START_VIEW, notices: [] });
  });

  it('a step sets its starting view, and explicit settings override it', () => {
    const step = decodeView('#v=2&lesson=h2o-co2&step=co2-centre').state;
    expect(step).toMatchObject({ step: 'co2-centre', hide: ['centring'] });
    expect(step.params).toMatchObject({ centring: 'co2-C', lMax: 0, nMax: 6 });
    expect(decodeView('#v=2&lesson=h2o-co2&step=co2-centre&lMax=3').state.params.lMax).toBe(3);
  });

  it('engine=auto|webgpu|cpu is carried; anything else is auto with a notice', () => {
    expect(decodeView('#v=2&lesson=h2o-co2&engine=cpu').state.engine).toBe('cpu');
    expect(decodeView('#v=2&engine=webgpu').state).toEqual({ ...START_VIEW, engine: 'webgpu' });
    const bad = decodeView('#v=2&lesson=h2o-co2&engine=gpu');
    expect(bad.state.engine).toBe('auto');
    expect(bad.notices.join(' ')).toContain('engine');
  });

  it('present=1 turns presentation mode on, for the picker too; anything but 0 or 1 is off with a notice', () => {
    expect(decodeView('#v=2&lesson=h2o-co2&present=1').state.present).toBe(true);
    expect(decodeView('#v=2&present=1').state).toEqual({ ...START_VIEW, present: true });
    const bad = decodeView('#v=2&lesson=h2o-co2&present=yes');
    expect(bad.state.present).toBe(false);
    expect(bad.notices.join(' ')).toContain('present');
  });

  it.each([
    ['#v=2&lesson=h2o-co2&lMax=99', 'lMax'],
    ['#v=2&lesson=h2o-co2&separation=abc', 'separation'],
    ['#v=2&lesson=h2o-co2&orientation=2.5', 'orientation'],
    ['#v=2&lesson=h2o-co2&trainWindow=9,6', 'trainWindow'],
    ['#v=2&lesson=h2o-co2&camera=1,2', 'camera'],
    ['#v=2&lesson=h2o-co2&hide=everything', 'hide'],
    ['#v=2&lesson=h2o-co2&hide=camera', 'hide'],
    ['#v=2&lesson=h2o-co2&centring=', 'centring'],
    ['#v=2&lesson=h2o-co2&step=nope', 'step'],
    ['#v=2&lesson=h2o-co2&colour=red', 'colour'],
    ['#v=2&lesson=h2o-co2&constructor=1', 'constructor'],
    ['#v=2&lesson=h2o-co2&__proto__=1', '__proto__'],
    ['#v=2&lesson=h2o-co2&toString=x', 'toString'],
  ])('a corrupted link %s opens the lesson with defaults for the bad part and a notice', (hash, key) => {
    const { state, notices } = decodeView(hash);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain(key);
    expect(state).toEqual(DEFAULT_LESSON);
  });

  it.each(['#v=2&lesson=nope', '#v=2&lesson=constructor', '#v=2&lesson=__proto__'])(
    'an unknown lesson %s lists the lessons, with a notice',
    (hash) => {
      const { state, notices } = decodeView(hash);
      expect(state).toEqual(START_VIEW);
      expect(notices.join(' ')).toContain('lesson');
    },
  );

  it('a link far longer than any view is not read, and says so in one notice', () => {
    const { state, notices } = decodeView(`#v=2&lesson=h2o-co2&${'zoom=1&'.repeat(150_000)}`);
    expect(state).toEqual(START_VIEW);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/1050\d{3} characters long/);
  });

  it('repeated bad keys give one notice with a count; long values are quoted short', () => {
    const { notices } = decodeView(`#v=2&lesson=h2o-co2&${'zoom=1&'.repeat(500)}lMax=${'9'.repeat(3000)}`);
    expect(notices).toHaveLength(2);
    expect(notices[0]).toBe(`'zoom' is not a setting of this lesson; it was ignored. (500 times)`);
    expect(notices[1]!.length).toBeLessThan(120);
    expect(notices[1]).toContain(`'${'9'.repeat(40)}…'`);
  });

  it('a link from a newer version opens with the defaults and says so', () => {
    const { state, notices } = decodeView(`#v=${URL_VERSION + 1}&lMax=3&whatever=1`);
    expect(state).toEqual(START_VIEW);
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
      '#v=2&lesson=h2o-co2&hasOwnProperty=1',
      '#v=2&lesson=h2o-co2&step=__proto__',
    ]) {
      const { state } = decodeView(hash);
      expect(state.lesson === null || state.lesson === 'h2o-co2').toBe(true);
      if (state.lesson)
        expect(Object.keys(state.params).sort()).toEqual(Object.keys(DEFAULT_LESSON.params).sort());
    }
  });
});

// Links written by version 1 (recorded with its encoder before version 2 existed) and the view each opened.
describe('version 1 links open the same view as before', () => {
  const v1Default = { ...DEFAULT_LESSON.params };
  it.each([
    [
      '#v=1&lesson=h2o-co2&orientation=0&separation=7.5&centring=water-O&lMax=1&features=rho-V&cutoff=3&sigma=0.3&nMax=6&trainWindow=6.5%2C9&camera=0%2C-22%2C4&target=0%2C0%2C3.75&hide=',
      'explore',
      [],
      v1Default,
    ],
    [
      '#v=1&lesson=co2-centre&orientation=17&separation=8.25&centring=co2-C&lMax=2&features=rho-rho&cutoff=3.5&sigma=0.45&nMax=8&trainWindow=6%2C9.5&camera=1.5%2C-12.25%2C7&target=0%2C0.5%2C4&hide=sigma%2CnMax',
      'co2-centre',
      ['sigma', 'nMax'],
      custom.params,
    ],
    [
      '#v=1&lesson=all-atoms&orientation=0&separation=7.5&centring=all&lMax=0&features=rho-V&cutoff=3&sigma=0.3&nMax=6&trainWindow=6.5%2C9&camera=0%2C-22%2C4&target=0%2C0%2C3.75&hide=centring',
      'all-atoms',
      ['centring'],
      { ...v1Default, centring: 'all', lMax: 0 },
    ],
    // Hand-written v1 links: presets without a version, partial settings, hide= alone.
    ['#lesson=water-centre', 'water-centre', ['centring'], { ...v1Default, centring: 'water-O', lMax: 0 }],
    ['#lesson=co2-centre&lMax=3', 'co2-centre', ['centring'], { ...v1Default, centring: 'co2-C', lMax: 3 }],
    ['#v=1&centring=water-O', 'explore', [], v1Default],
    ['#v=1&hide=sigma,trainWindow', 'explore', ['sigma', 'trainWindow'], v1Default],
    ['#lMax=3', 'explore', [], { ...v1Default, lMax: 3 }],
  ])('%s', (hash, step, hide, params) => {
    expect(decodeView(hash)).toEqual({
      state: { lesson: 'h2o-co2', step, engine: 'auto', present: false, hide, params },
      notices: [],
    });
  });

  it('a v1 link with a lesson v1 did not know opens the default lesson with a notice', () => {
    const { state, notices } = decodeView('#v=1&lesson=nope');
    expect(state).toEqual(DEFAULT_LESSON);
    expect(notices.join(' ')).toContain('lesson');
  });

  it('v1 links re-encode as v2 links that open the same view', () => {
    const { state } = decodeView('#lesson=co2-centre&lMax=3&hide=sigma');
    expect(decodeView(encodeView(state)).state).toEqual(state);
  });
});
