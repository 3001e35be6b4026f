/**
 * Typed parameter definitions: one list drives validation, URL encoding and (later) the controls. A value read from
 * a link is checked against its definition; anything out of range or malformed falls back to the default and is
 * reported, never thrown.
 */

export type ParamDefinition =
  | { readonly kind: 'int'; readonly min: number; readonly max: number; readonly default: number }
  | {
      readonly kind: 'number';
      readonly min: number;
      readonly max: number;
      readonly default: number;
      /** Decimal places kept in links. */
      readonly digits: number;
    }
  | { readonly kind: 'choice'; readonly options: readonly string[]; readonly default: string }
  | {
      readonly kind: 'range';
      readonly min: number;
      readonly max: number;
      readonly default: readonly [number, number];
    }
  | { readonly kind: 'vector3'; readonly default: readonly [number, number, number] }
  | { readonly kind: 'flags'; readonly options: readonly string[]; readonly default: readonly string[] };

export type ParamValue<D extends ParamDefinition> = D extends { kind: 'int' | 'number' }
  ? number
  : D extends { kind: 'choice' }
    ? string
    : D extends { kind: 'range' }
      ? readonly [number, number]
      : D extends { kind: 'vector3' }
        ? readonly [number, number, number]
        : readonly string[];

/** The parsed value, or a problem description. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

function numbers(text: string, count: number): number[] | null {
  const parts = text.split(',');
  if (parts.length !== count) return null;
  const values = parts.map((p) => (p.trim() === '' ? Number.NaN : Number(p)));
  return values.every(Number.isFinite) ? values : null;
}

export function parseParam(definition: ParamDefinition, text: string): Parsed<unknown> {
  switch (definition.kind) {
    case 'int':
    case 'number': {
      const [v] = numbers(text, 1) ?? [Number.NaN];
      if (!Number.isFinite(v)) return { ok: false, problem: `'${text}' is not a number` };
      if (definition.kind === 'int' && !Number.isInteger(v))
        return { ok: false, problem: `'${text}' is not an integer` };
      if (v < definition.min || v > definition.max) {
        return { ok: false, problem: `${v} is outside [${definition.min}, ${definition.max}]` };
      }
      return { ok: true, value: v };
    }
    case 'choice':
      return definition.options.includes(text)
        ? { ok: true, value: text }
        : { ok: false, problem: `'${text}' is not one of ${definition.options.join(', ')}` };
    case 'range': {
      const v = numbers(text, 2);
      if (!v || v[0] >= v[1] || v[0] < definition.min || v[1] > definition.max) {
        return {
          ok: false,
          problem: `'${text}' is not a range within [${definition.min}, ${definition.max}]`,
        };
      }
      return { ok: true, value: [v[0], v[1]] };
    }
    case 'vector3': {
      const v = numbers(text, 3);
      return v
        ? { ok: true, value: [v[0], v[1], v[2]] }
        : { ok: false, problem: `'${text}' is not three numbers` };
    }
    case 'flags': {
      const flags = text === '' ? [] : text.split(',');
      const unknown = flags.filter((f) => !definition.options.includes(f));
      return unknown.length > 0
        ? { ok: false, problem: `unknown ${unknown.join(', ')}` }
        : { ok: true, value: [...new Set(flags)] };
    }
  }
}

const round = (x: number, digits: number) => String(Number(x.toFixed(digits)));

export function formatParam(definition: ParamDefinition, value: unknown): string {
  switch (definition.kind) {
    case 'int':
      return String(value);
    case 'number':
      return round(value as number, definition.digits);
    case 'choice':
      return value as string;
    case 'range':
      return (value as number[]).map((x) => round(x, 3)).join(',');
    case 'vector3':
      return (value as number[]).map((x) => round(x, 3)).join(',');
    case 'flags':
      return (value as string[]).join(',');
  }
}
