import { encodeView } from '../state/url-codec.ts';
import type { ViewState } from '../state/view-state.ts';

/** The full link that opens a view (this page's address with the view's hash). */
export function shareLink(view: ViewState): string {
  return `${window.location.origin}${window.location.pathname}${encodeView(view)}`;
}
