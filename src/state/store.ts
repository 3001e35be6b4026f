/**
 * The app's one store (zustand, vanilla: no React here): the view, the notices about the link it came from, and the
 * actions that change them. React binds to it in src/ui; hash-sync.ts mirrors it into the URL.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DecodedView } from './url-codec.ts';
import { presetView, type ViewState } from './view-state.ts';

export interface ViewStore {
  readonly view: ViewState;
  readonly notices: readonly string[];
  update(changes: Partial<ViewState>): void;
  /** Switches lesson: its preset view, keeping the camera. */
  selectLesson(lesson: string): void;
  replace(decoded: DecodedView): void;
  dismissNotices(): void;
}

export function createViewStore(initial: DecodedView): StoreApi<ViewStore> {
  return createStore<ViewStore>()((set) => ({
    view: initial.state,
    notices: initial.notices,
    update: (changes) => set((s) => ({ view: { ...s.view, ...changes } })),
    selectLesson: (lesson) =>
      set((s) => ({ view: { ...presetView(lesson), camera: s.view.camera, target: s.view.target } })),
    replace: (decoded) => set({ view: decoded.state, notices: decoded.notices }),
    dismissNotices: () => set({ notices: [] }),
  }));
}
