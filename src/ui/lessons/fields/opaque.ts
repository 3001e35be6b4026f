/**
 * A value React's development build does not walk into. It logs the props of each render it profiles, listing
 * objects and typed arrays element by element (seconds for a 256² slice on every update); large arrays are
 * therefore handed to components inside one of these, whose only field is private.
 */
export class Opaque<T> {
  readonly #value: T;

  constructor(value: T) {
    this.#value = value;
  }

  get value(): T {
    return this.#value;
  }
}
