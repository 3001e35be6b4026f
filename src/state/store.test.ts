import { describe, expect, it } from 'vitest';
import { createViewStore } from './store.ts';
import { decodeView, encodeView } from './url-codec.ts';
import { START_VIEW } from './view-state.ts';

describe('view store', () => {
  it('starts from a decoded link, with its notices', () => {
    const store = createViewStore(decodeView('#v=2&lesson=h2o-co2&lMax=42'));
    expect(store.getState().view.params.lMax).toBe(1);
    expect(store.getState().notices).toHaveLength(1);
    store.getState().dismissNotices();
    expect(store.getState().notices).toHaveLength(0);
  });

  it('updates settings, and the encoded view reproduces them', () => {
    const store = createViewStore(decodeView('#v=2&lesson=h2o-co2'));
    store.getState().update({ lMax: 3, separation: 11.5 });
    expect(decodeView(encodeView(store.getState().view)).state).toEqual(store.getState().view);
  });

  it('switching step applies its values and hidden controls but keeps the camera', () => {
    const store = createViewStore(decodeView('#v=2&lesson=h2o-co2'));
    store.getState().update({ camera: [3, 2, 1], lMax: 5 });
    store.getState().selectStep('all-atoms');
    const { view } = store.getState();
    expect(view).toMatchObject({ lesson: 'h2o-co2', step: 'all-atoms', hide: ['centring'] });
    expect(view.params).toMatchObject({ centring: 'all', lMax: 0, camera: [3, 2, 1] });
  });

  it('switching step keeps the structure the user pasted', () => {
    const store = createViewStore(decodeView('#v=2&lesson=fields'));
    store.getState().update({ structure: 'pasted', pasted: 'abc-_9', lMax: 2 });
    store.getState().selectStep('potential');
    expect(store.getState().view.params).toMatchObject({ structure: 'h2o-co2', pasted: 'abc-_9', lMax: 4 });
    store.getState().selectStep('yours');
    expect(store.getState().view.params).toMatchObject({ structure: 'pasted', pasted: 'abc-_9' });
  });

  it('opens a lesson at its first step and goes back to the picker, keeping the engine and presentation mode', () => {
    const store = createViewStore(decodeView('#v=2&engine=cpu'));
    expect(store.getState().view).toEqual({ ...START_VIEW, engine: 'cpu' });
    store.getState().setPresenting(true);
    store.getState().openLesson('h2o-co2');
    expect(store.getState().view).toMatchObject({
      lesson: 'h2o-co2',
      step: 'explore',
      engine: 'cpu',
      present: true,
    });
    store.getState().selectStep('co2-centre');
    expect(store.getState().view.present).toBe(true);
    store.getState().openLesson(null);
    expect(store.getState().view).toEqual({ ...START_VIEW, engine: 'cpu', present: true });
  });
});
