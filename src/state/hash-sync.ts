/**
 * Keeps the URL hash and the store in step: the store is written to the hash (replaceState, so dragging a slider
 * does not flood the history), and a hash typed or pasted by the user is read back into the store.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { ViewStore } from './store.ts';
import { decodeView, encodeView } from './url-codec.ts';

export function syncWithHash(store: StoreApi<ViewStore>, location: Location, history: History): () => void {
  let written = location.hash;
  const unsubscribe = store.subscribe((s, previous) => {
    if (s.view === previous.view) return;
    written = encodeView(s.view);
    history.replaceState(history.state, '', written);
  });
  const onHashChange = () => {
    if (location.hash === written) return;
    written = location.hash;
    store.getState().replace(decodeView(location.hash));
  };
  window.addEventListener('hashchange', onHashChange);
  return () => {
    unsubscribe();
    window.removeEventListener('hashchange', onHashChange);
  };
}
