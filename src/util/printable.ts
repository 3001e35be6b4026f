/**
 * Quoting untrusted text (file contents, command-line arguments, dataset values) back in a message: control
 * characters would otherwise reach the terminal, where ESC sequences can retitle the window, recolour or erase
 * output, and a newline would split a one-line error in two.
 */

const NAMED: Readonly<Record<string, string>> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * C0 controls (tab and newline included), DEL, C1 controls, the Unicode line and paragraph separators and the
 * bidirectional overrides and isolates (which can reorder what a terminal shows).
 */
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function hex(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` with every character from UNPRINTABLE written as an escape (`\t`, `\n`, `\r`, `\x1b`, `\u202e`...). */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => NAMED[c] ?? hex(c));
}

/** At most `max` characters of `text` (an ellipsis marks a cut), escaped with printable: for quoting input back. */
export function excerpt(text: string, max = 40): string {
  return printable(text.length > max ? `${text.slice(0, max)}…` : text);
}

/** Any value as text for a message: String(value) where that works (not for null-prototype objects), clipped. */
export function describeValue(value: unknown, max = 40): string {
  let text: string;
  try {
    text = String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return excerpt(text, max);
}
