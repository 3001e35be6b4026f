/**
 * The app's one store (zustand, vanilla: no React here): the view, the notices about the link it came from, and the
 * actions that change them. React binds to it in src/ui; hash-sync.ts mirrors it into the URL.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { lessonById } from '../experiments/registry.ts';
import type { DecodedView } from './url-codec.ts';
import {
  lessonView,
  START_VIEW,
  type EngineChoice,
  type PageSettings,
  type ViewState,
} from './view-state.ts';

export interface ViewStore {
  readonly view: ViewState;
  readonly notices: readonly string[];
  /** Sets some of the lesson's parameter values (already valid: they come from its controls). */
  update(changes: Readonly<Record<string, unknown>>): void;
  /** Opens a lesson at its first step, or the lesson picker (null). */
  openLesson(lesson: string | null): void;
  /** Goes to a step of the current lesson: its values and hidden controls, keeping the camera and the user's data. */
  selectStep(step: string): void;
  setEngine(engine: EngineChoice): void;
  setPresenting(present: boolean): void;
  replace(decoded: DecodedView): void;
  dismissNotices(): void;
}

/**
 * What a step does not set: the view-only vectors (camera, target) and the data the user brought (a pasted
 * structure) of the current lesson, carried over when a step changes.
 */
function keptValues(view: ViewState): Record<string, unknown> {
  const spec = view.lesson === null ? undefined : lessonById(view.lesson);
  if (!spec) return {};
  return Object.fromEntries(
    Object.entries(spec.params)
      .filter(([, d]) => d.kind === 'vector3' || d.kind === 'text')
      .map(([key]) => [key, view.params[key]]),
  );
}

const page = ({ engine, present }: ViewState): PageSettings => ({ engine, present });

export function createViewStore(initial: DecodedView): StoreApi<ViewStore> {
  return createStore<ViewStore>()((set) => ({
    view: initial.state,
    notices: initial.notices,
    update: (changes) => set((s) => ({ view: { ...s.view, params: { ...s.view.params, ...changes } } })),
    openLesson: (lesson) =>
      set((s) => {
        const spec = lesson === null ? undefined : lessonById(lesson);
        return {
          view: spec ? lessonView(spec, undefined, page(s.view)) : { ...START_VIEW, ...page(s.view) },
        };
      }),
    selectStep: (step) =>
      set((s) => {
        const spec = s.view.lesson === null ? undefined : lessonById(s.view.lesson);
        if (!spec) return {};
        const next = lessonView(spec, step, page(s.view));
        return { view: { ...next, params: { ...next.params, ...keptValues(s.view) } } };
      }),
    setEngine: (engine) => set((s) => ({ view: { ...s.view, engine } })),
    setPresenting: (present) => set((s) => ({ view: { ...s.view, present } })),
    replace: (decoded) => set({ view: decoded.state, notices: decoded.notices }),
    dismissNotices: () => set({ notices: [] }),
  }));
}
