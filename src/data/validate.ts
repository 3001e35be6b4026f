/**
 * Field-by-field checks of untrusted dataset JSON; every failure is a DatasetError naming the field. Values quoted
 * back are clipped and escaped (excerpt).
 */
import { isElement } from '../chem/elements.ts';
import { excerpt } from '../util/printable.ts';
import { DatasetError } from './dataset-error.ts';
import type { MoleculeJson } from './formats.ts';

export class JsonReader {
  constructor(readonly dataset: string) {}

  fail(field: string, detail: string): never {
    throw new DatasetError(this.dataset, field, detail);
  }

  object(value: unknown, field: string): Readonly<Record<string, unknown>> {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      this.fail(field, 'expected an object');
    return value as Record<string, unknown>;
  }

  array(value: unknown, field: string, length?: number): readonly unknown[] {
    if (!Array.isArray(value)) this.fail(field, 'expected an array');
    if (length !== undefined && value.length !== length) {
      this.fail(field, `expected ${length} entries, found ${value.length}`);
    }
    return value as unknown[];
  }

  string(value: unknown, field: string): string {
    if (typeof value !== 'string') this.fail(field, 'expected a string');
    return value;
  }

  number(value: unknown, field: string): number {
    if (typeof value !== 'number' || !Number.isFinite(value)) this.fail(field, 'expected a finite number');
    return value;
  }

  numbers(value: unknown, field: string, length?: number): number[] {
    return this.array(value, field, length).map((x, i) => this.number(x, `${field}[${i}]`));
  }

  /** A number, or null where a value was not computed. */
  optionalNumbers(value: unknown, field: string, length?: number): (number | null)[] {
    return this.array(value, field, length).map((x, i) =>
      x === null ? null : this.number(x, `${field}[${i}]`),
    );
  }

  literal<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
    if (!allowed.includes(value as T))
      this.fail(field, `expected one of ${allowed.join(', ')}, found ${excerpt(String(value))}`);
    return value as T;
  }

  /** An element symbol the app knows (H–Kr). */
  element(value: unknown, field: string): string {
    const symbol = this.string(value, field);
    if (!isElement(symbol)) this.fail(field, `unknown element "${excerpt(symbol)}"`);
    return symbol;
  }

  molecule(value: unknown, field: string): MoleculeJson {
    const m = this.object(value, field);
    const species = this.array(m.species, `${field}.species`).map((s, i) =>
      this.element(s, `${field}.species[${i}]`),
    );
    if (species.length === 0) this.fail(`${field}.species`, 'a molecule needs atoms');
    const positions = this.numbers(m.positions, `${field}.positions`, 3 * species.length);
    const charge = this.number(m.charge, `${field}.charge`);
    if (!Number.isInteger(charge)) this.fail(`${field}.charge`, 'expected an integer');
    return { species, positions, charge };
  }
}
