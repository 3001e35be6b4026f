/** React binding of the app's vanilla store (zustand), created once from the URL and kept in step with it. */
import { useStore } from 'zustand';
import type { ParamDefinitions, ParamValues } from '../experiments/params.ts';
import { syncWithHash } from '../state/hash-sync.ts';
import { createViewStore, type ViewStore } from '../state/store.ts';
import { decodeView } from '../state/url-codec.ts';

export const viewStore = createViewStore(decodeView(window.location.hash));
syncWithHash(viewStore, window.location, window.history);

export function useView<T>(select: (store: ViewStore) => T): T {
  return useStore(viewStore, select);
}

/** The current lesson's parameter values, typed by its definitions (the store holds them validated). */
export function useLessonValues<P extends ParamDefinitions>(): ParamValues<P> {
  return useView((s) => s.view.params) as ParamValues<P>;
}

type Vec3 = readonly [number, number, number];

/** Saves a camera position and target in the view (and so in the link). */
export const moveCamera = (camera: Vec3, target: Vec3) => viewStore.getState().update({ camera, target });
