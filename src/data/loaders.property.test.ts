/**
 * Property-based tests of the dataset loaders: a mutated copy of a small valid file either loads into a well-formed
 * dataset or is rejected with a DatasetError whose message is one printable line, never another exception.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isElement } from '../chem/elements.ts';
import type { Structure } from '../chem/structure.ts';
import type { BindingCurve } from './curves.ts';
import { loadD1 } from './d1.ts';
import { loadD2 } from './d2.ts';
import { loadD3 } from './d3.ts';
import { DatasetError } from './dataset-error.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const read = (name: string) => JSON.parse(readFileSync(`public/data/${name}.json`, 'utf8')) as JsonObject;
const list = (value: Json | undefined) => value as Json[];
const object = (value: Json | undefined) => value as JsonObject;

/** D1 cut down to 2 dimers × 3 displacements. */
function smallD1(): JsonObject {
  const d1 = read('d1-ssi');
  return {
    ...d1,
    displacements: list(d1.displacements).slice(0, 3),
    dimers: list(d1.dimers)
      .slice(0, 2)
      .map((d) => ({ ...object(d), energies: list(object(d).energies).slice(0, 3) })),
    pending: ['x', 'y'],
  };
}

/** D2 cut down to 2 orientations × 3 separations, every level kept. */
function smallD2(): JsonObject {
  const d2 = read('d2-h2o-co2');
  return {
    ...d2,
    separations: list(d2.separations).slice(0, 3),
    orientations: list(d2.orientations).slice(0, 2),
    levels: list(d2.levels).map((l) => ({
      ...object(l),
      energies: list(object(l).energies)
        .slice(0, 2)
        .map((row) => list(row).slice(0, 3)),
      dissociated: list(object(l).dissociated).slice(0, 2),
    })),
  };
}

/** D3 cut down to a 4-atom slab, 2 waters × 3 heights. */
function smallD3(): JsonObject {
  const d3 = read('d3-li-water');
  return {
    ...d3,
    slab: { ...object(d3.slab), positions: list(object(d3.slab).positions).slice(0, 12) },
    heights: list(d3.heights).slice(0, 3),
    waters: list(d3.waters).slice(0, 2),
    energies: list(d3.energies)
      .slice(0, 2)
      .map((row) => list(row).slice(0, 3)),
    inducedDipoles: list(d3.inducedDipoles)
      .slice(0, 2)
      .map((row) => list(row).slice(0, 3)),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Mutations: at a random place of the document, replace, delete, duplicate or reorder

/** Paths to every value of the document (the root excluded). */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const entries: [string | number, Json][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  return entries.flatMap(([key, v]) => [[...prefix, key], ...paths(v, [...prefix, key])]);
}

function parentOf(doc: Json, path: readonly (string | number)[]): Json[] | JsonObject {
  let node = doc;
  for (const key of path.slice(0, -1)) node = (node as JsonObject)[key as string]!;
  return node as Json[] | JsonObject;
}

const strange: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    true,
    0,
    -0,
    -1,
    1e308,
    -1e-320,
    NaN,
    Infinity,
    '',
    'Xx',
    'H',
    '__proto__',
    [],
    {},
    [0],
  ),
  fc.constantFrom('\u001b[31m', 'x'.repeat(1000), [1, 2, 3], [[]], { a: 1 }),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 6 }),
  fc.jsonValue({ maxDepth: 2 }),
);

type Mutation =
  | { kind: 'replace'; at: number; value: unknown }
  | { kind: 'delete' | 'duplicate' | 'swap' | 'scale'; at: number; factor: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: strange }),
  },
  fc.record({
    kind: fc.constantFrom('delete' as const, 'duplicate' as const, 'swap' as const, 'scale' as const),
    at: fc.nat(),
    factor: fc.constantFrom(-1, 0, 0.5, 2, 1e-9, 1e9),
  }),
);

/** Applies `m` to a deep copy of `doc`. */
function mutate(doc: JsonObject, mutations: readonly Mutation[]): unknown {
  const copy = structuredClone(doc) as Json;
  for (const m of mutations) {
    const all = paths(copy);
    if (all.length === 0) break;
    const path = all[m.at % all.length]!;
    const parent = parentOf(copy, path) as Record<string | number, unknown>;
    const key = path.at(-1)!;
    if (m.kind === 'replace') parent[key] = m.value;
    else if (m.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else Reflect.deleteProperty(parent, key);
    } else if (m.kind === 'duplicate') {
      if (Array.isArray(parent)) parent.splice(key as number, 0, structuredClone(parent[key as number]));
    } else if (m.kind === 'swap') {
      if (Array.isArray(parent) && parent.length > 1) {
        const other = ((key as number) + 1) % parent.length;
        [parent[key as number], parent[other]] = [parent[other], parent[key as number]];
      }
    } else if (typeof parent[key] === 'number') parent[key] = (parent[key] as number) * m.factor;
  }
  return copy;
}

// ---------------------------------------------------------------------------------------------------------------
// What a loaded dataset must satisfy

function expectStructure(s: Structure): void {
  for (const symbol of s.species) expect(isElement(symbol)).toBe(true);
  expect(s.positions).toHaveLength(3 * s.species.length);
  for (const x of s.positions) expect(Number.isFinite(x)).toBe(true);
  if (s.cell) for (const x of s.cell) expect(Number.isFinite(x)).toBe(true);
}

function expectCurves(curves: readonly BindingCurve[]): void {
  for (const curve of curves) {
    expect(typeof curve.id).toBe('string');
    curve.monomers.forEach(expectStructure);
    for (const point of curve.points) {
      expectStructure(point.structure);
      expect(Number.isFinite(point.coordinate)).toBe(true);
      for (const e of Object.values(point.energies)) expect(Number.isFinite(e)).toBe(true);
    }
  }
}

type Outcome = 'loaded' | 'rejected';

function loadsOrRejects(load: () => void): Outcome {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(DatasetError);
    // eslint-disable-next-line no-control-regex
    expect((error as Error).message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect((error as Error).message.length).toBeLessThan(300);
    return 'rejected';
  }
  return 'loaded';
}

const cases = [
  {
    name: 'D1',
    small: smallD1,
    load: (json: unknown) => {
      const d1 = loadD1(json);
      expectCurves(d1.curves);
      expect(d1.level).toBe(d1.provenance[0]!.level);
    },
  },
  {
    name: 'D2',
    small: smallD2,
    load: (json: unknown) => {
      const d2 = loadD2(json);
      expectCurves(d2.curves);
      expect(d2.curves.length).toBeGreaterThan(0);
      expect(d2.trainingWindow[0]).toBeLessThan(d2.trainingWindow[1]);
      expect(new Set(d2.levels).size).toBe(d2.levels.length);
    },
  },
  {
    name: 'D3',
    small: smallD3,
    load: (json: unknown) => {
      const d3 = loadD3(json);
      expectCurves(d3.curves);
      for (const c of d3.curves)
        for (const p of c.inducedDipoles) expect(p.every(Number.isFinite)).toBe(true);
    },
  },
];

describe.each(cases)('$name loader on mutated files', ({ small, load }) => {
  const valid = small();

  it('loads the small valid file', () => {
    expect(loadsOrRejects(() => load(valid))).toBe('loaded');
  });

  it('loads a well-formed dataset or throws DatasetError', () => {
    const seen = { loaded: 0, rejected: 0 };
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        seen[loadsOrRejects(() => load(mutate(valid, mutations)))]++;
      }),
      { seed: 1, numRuns: 400 },
    );
    expect(seen.rejected).toBeGreaterThan(60);
    expect(seen.loaded).toBeGreaterThan(10);
  });
});
