import { describe, expect, it } from 'vitest';
import { createViewStore } from './store.ts';
import { decodeView, encodeView } from './url-codec.ts';
import { DEFAULT_VIEW } from './view-state.ts';

describe('view store', () => {
  it('starts from a decoded link, with its notices', () => {
    const store = createViewStore(decodeView('#v=1&lMax=42'));
    expect(store.getState().view).toEqual(DEFAULT_VIEW);
    expect(store.getState().notices).toHaveLength(1);
    store.getState().dismissNotices();
    expect(store.getState().notices).toHaveLength(0);
  });

  it('updates settings, and the encoded view reproduces them', () => {
    const store = createViewStore(decodeView(''));
    store.getState().update({ lMax: 3, separation: 11.5 });
    expect(decodeView(encodeView(store.getState().view)).state).toEqual(store.getState().view);
  });

  it('switching lesson applies its preset but keeps the camera', () => {
    const store = createViewStore(decodeView(''));
    store.getState().update({ camera: [3, 2, 1], lMax: 5 });
    store.getState().selectLesson('all-atoms');
    const { view } = store.getState();
    expect(view).toMatchObject({ lesson: 'all-atoms', centring: 'all', lMax: 0, camera: [3, 2, 1] });
  });
});
