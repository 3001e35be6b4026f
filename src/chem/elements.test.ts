import { describe, expect, it } from 'vitest';
import { ELEMENTS, atomicNumber, elementByNumber, elementBySymbol, isElement } from './elements.ts';

describe('elements', () => {
  it('covers H through Kr in atomic-number order', () => {
    expect(ELEMENTS).toHaveLength(36);
    expect(ELEMENTS[0]!.symbol).toBe('H');
    expect(ELEMENTS[35]!.symbol).toBe('Kr');
    ELEMENTS.forEach((e, i) => expect(e.number).toBe(i + 1));
  });

  it('has unique symbols and plausible data', () => {
    expect(new Set(ELEMENTS.map((e) => e.symbol)).size).toBe(ELEMENTS.length);
    for (const e of ELEMENTS) {
      expect(e.symbol).toMatch(/^[A-Z][a-z]?$/);
      expect(e.mass).toBeGreaterThan(e.number); // every element past H is heavier than Z u
      expect(e.covalentRadius).toBeGreaterThan(0.2);
      expect(e.covalentRadius).toBeLessThan(2.5);
      expect(Number.isInteger(e.color) && e.color >= 0 && e.color <= 0xffffff).toBe(true);
    }
    // masses increase with Z except for the famous Ar/K and Co/Ni inversions
    const inversions = ELEMENTS.slice(1)
      .filter((e, i) => e.mass < ELEMENTS[i]!.mass)
      .map((e) => e.symbol);
    expect(inversions).toEqual(['K', 'Ni']);
  });

  it('looks up reference values', () => {
    expect(elementBySymbol('C')).toMatchObject({
      number: 6,
      mass: 12.011,
      covalentRadius: 0.76,
      color: 0x909090,
    });
    expect(elementBySymbol('O')?.color).toBe(0xff0d0d);
    expect(elementBySymbol('Cl')?.covalentRadius).toBe(1.02);
    expect(elementBySymbol('Fe')?.mass).toBe(55.845);
    expect(elementByNumber(7)?.symbol).toBe('N');
    expect(elementByNumber(0)).toBeUndefined();
    expect(elementByNumber(1.5)).toBeUndefined();
    expect(elementByNumber(37)).toBeUndefined();
  });

  it('is case-sensitive and rejects unknown symbols', () => {
    for (const bad of ['cl', 'CL', 'X', 'Xx', '', ' C', 'constructor', '__proto__', 'toString']) {
      expect(elementBySymbol(bad)).toBeUndefined();
      expect(isElement(bad)).toBe(false);
    }
    expect(isElement('Kr')).toBe(true);
  });

  it('gives atomic numbers and throws on unknown symbols', () => {
    expect(atomicNumber('H')).toBe(1);
    expect(atomicNumber('Ar')).toBe(18);
    expect(atomicNumber('Kr')).toBe(36);
    expect(() => atomicNumber('Q')).toThrow(RangeError);
  });
});
