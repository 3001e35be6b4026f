/**
 * Typed parameter definitions: one list per lesson drives validation, URL encoding and the controls the UI renders.
 * A value read from a link is checked against its definition; anything out of range or malformed falls back to the
 * default and is reported, never thrown.
 */

interface Described {
  /** The control's accessible name. */
  readonly label: string;
  /** One sentence shown as the control's help. */
  readonly help?: string;
  /**
   * 'session' (default): the lesson's worker session needs it, so a change recomputes. 'view': only the page uses it
   * (camera, a marker position), so a change never reaches the worker.
   */
  readonly scope?: 'session' | 'view';
}

interface Numeric extends Described {
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly unit?: string;
}

export type ParamDefinition =
  | (Numeric & { readonly kind: 'int'; readonly default: number })
  | (Numeric & {
      readonly kind: 'number';
      readonly default: number;
      /** Decimal places kept in links. */
      readonly digits: number;
    })
  | (Described & {
      readonly kind: 'choice';
      readonly options: readonly string[];
      /** What the user reads for each option (the option itself where missing). */
      readonly optionLabels?: Readonly<Record<string, string>>;
      /** Radio buttons for a few options seen at once, a drop-down otherwise. */
      readonly display?: 'radio' | 'select';
      readonly default: string;
    })
  | (Numeric & { readonly kind: 'range'; readonly default: readonly [number, number] })
  /** A 3-vector kept in links but given no control (camera position and target). */
  | (Described & { readonly kind: 'vector3'; readonly default: readonly [number, number, number] })
  /**
   * Data the user brought (a structure), encoded for links: base64url text (A–Z a–z 0–9 - _) of at most maxLength
   * characters, given no control of its own.
   */
  | (Described & { readonly kind: 'text'; readonly default: string; readonly maxLength: number })
  | (Described & {
      readonly kind: 'flags';
      readonly options: readonly string[];
      readonly default: readonly string[];
    });

export type ParamDefinitions = Readonly<Record<string, ParamDefinition>>;

export type ParamValue<D extends ParamDefinition> = D extends { kind: 'int' | 'number' }
  ? number
  : D extends { kind: 'choice' | 'text' }
    ? string
    : D extends { kind: 'range' }
      ? readonly [number, number]
      : D extends { kind: 'vector3' }
        ? readonly [number, number, number]
        : readonly string[];

export type ParamValues<P extends ParamDefinitions> = { readonly [K in keyof P]: ParamValue<P[K]> };

/** The parsed value, or a problem description. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

/** Whether a definition is shown as a control (everything but vectors and encoded data). */
export const hasControl = (definition: ParamDefinition): boolean =>
  definition.kind !== 'vector3' && definition.kind !== 'text';

/** Own keys only: a key typed by a user (`constructor`, `__proto__`) never matches an inherited property. */
export function ownDefinition(params: ParamDefinitions, key: string): ParamDefinition | undefined {
  return Object.prototype.hasOwnProperty.call(params, key) ? params[key] : undefined;
}

export function defaultValues<P extends ParamDefinitions>(params: P): ParamValues<P> {
  return Object.fromEntries(Object.entries(params).map(([key, d]) => [key, d.default])) as ParamValues<P>;
}

/** The values a lesson's worker session needs (scope 'session'), in definition order. */
export function sessionValues(params: ParamDefinitions, values: Readonly<Record<string, unknown>>) {
  return Object.fromEntries(
    Object.entries(params)
      .filter(([, d]) => (d.scope ?? 'session') === 'session')
      .map(([key]) => [key, values[key]]),
  );
}

/** Text from a link, quoted in a message: at most 40 characters (a link may carry megabytes). */
export function quote(text: string): string {
  return `'${text.length > 40 ? `${text.slice(0, 40)}…` : text}'`;
}

/** Decimal places of ranges and vectors in links. */
const LINK_DIGITS = 3;

/** x at a link's precision; + 0 turns -0 into 0 (written back as 0, it must read as what it was). */
const atPrecision = (x: number, digits: number) => Number(x.toFixed(digits)) + 0;

/**
 * `count` comma-separated numbers, at the precision a link keeps (`digits`), so that a view read from a link is
 * written back as the same link and reads again as the same view.
 */
function numbers(text: string, count: number, digits?: number): number[] | null {
  const parts = text.split(',');
  if (parts.length !== count) return null;
  const values = parts.map((p) => (p.trim() === '' ? Number.NaN : Number(p) + 0));
  if (!values.every(Number.isFinite)) return null;
  return digits === undefined ? values : values.map((x) => atPrecision(x, digits));
}

export function parseParam(definition: ParamDefinition, text: string): Parsed<unknown> {
  switch (definition.kind) {
    case 'int':
    case 'number': {
      const [v] = numbers(text, 1, definition.kind === 'number' ? definition.digits : undefined) ?? [
        Number.NaN,
      ];
      if (!Number.isFinite(v)) return { ok: false, problem: `${quote(text)} is not a number` };
      if (definition.kind === 'int' && !Number.isInteger(v))
        return { ok: false, problem: `${quote(text)} is not an integer` };
      if (v < definition.min || v > definition.max) {
        return { ok: false, problem: `${v} is outside [${definition.min}, ${definition.max}]` };
      }
      return { ok: true, value: v };
    }
    case 'choice':
      return definition.options.includes(text)
        ? { ok: true, value: text }
        : { ok: false, problem: `${quote(text)} is not one of ${definition.options.join(', ')}` };
    case 'range': {
      const v = numbers(text, 2, LINK_DIGITS);
      if (!v || v[0] >= v[1] || v[0] < definition.min || v[1] > definition.max) {
        return {
          ok: false,
          problem: `${quote(text)} is not a range within [${definition.min}, ${definition.max}]`,
        };
      }
      return { ok: true, value: [v[0], v[1]] };
    }
    case 'vector3': {
      const v = numbers(text, 3, LINK_DIGITS);
      return v
        ? { ok: true, value: [v[0], v[1], v[2]] }
        : { ok: false, problem: `${quote(text)} is not three numbers` };
    }
    case 'text':
      if (text.length > definition.maxLength)
        return { ok: false, problem: `${text.length} characters, more than ${definition.maxLength}` };
      return /^[A-Za-z0-9_-]*$/.test(text)
        ? { ok: true, value: text }
        : { ok: false, problem: `${quote(text)} holds characters other than A–Z, a–z, 0–9, - and _` };
    case 'flags': {
      const flags = text === '' ? [] : text.split(',');
      const unknown = flags.filter((f) => !definition.options.includes(f));
      return unknown.length > 0
        ? { ok: false, problem: `unknown ${unknown.join(', ')}` }
        : { ok: true, value: [...new Set(flags)] };
    }
  }
}

export function formatParam(definition: ParamDefinition, value: unknown): string {
  switch (definition.kind) {
    case 'int':
      return String(value);
    case 'number':
      return String(atPrecision(value as number, definition.digits));
    case 'choice':
    case 'text':
      return value as string;
    case 'range':
    case 'vector3':
      return (value as number[]).map((x) => atPrecision(x, LINK_DIGITS)).join(',');
    case 'flags':
      return (value as string[]).join(',');
  }
}
