/** JSON that stays small and diffable: nested objects indented, arrays of numbers on one line. */
export function compactJson(value: unknown): string {
  const text = JSON.stringify(value, null, 1);
  return `${text.replace(/\[[^[\]{}]*\]/g, (array) => array.replace(/\n\s*/g, ''))}\n`;
}
