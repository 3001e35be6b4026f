/** Periodic-table data for H–Kr: enough for organic, biomolecular and first-row transition-metal systems. */

export interface Element {
  readonly symbol: string;
  readonly name: string;
  readonly number: number;
  /** Standard atomic weight (u), IUPAC 2016 conventional values (the ones ASE uses). */
  readonly mass: number;
  /** Single-bond covalent radius (Å), Cordero et al., Dalton Trans. 2008 (C sp3, low-spin Mn/Fe/Co). */
  readonly covalentRadius: number;
  /** Jmol CPK display colour, 0xRRGGBB. */
  readonly color: number;
}

type Row = readonly [symbol: string, name: string, mass: number, covalentRadius: number, color: number];

// Row order is atomic number order: the index + 1 is Z.
const ROWS: readonly Row[] = [
  ['H', 'Hydrogen', 1.008, 0.31, 0xffffff],
  ['He', 'Helium', 4.002602, 0.28, 0xd9ffff],
  ['Li', 'Lithium', 6.94, 1.28, 0xcc80ff],
  ['Be', 'Beryllium', 9.0121831, 0.96, 0xc2ff00],
  ['B', 'Boron', 10.81, 0.84, 0xffb5b5],
  ['C', 'Carbon', 12.011, 0.76, 0x909090],
  ['N', 'Nitrogen', 14.007, 0.71, 0x3050f8],
  ['O', 'Oxygen', 15.999, 0.66, 0xff0d0d],
  ['F', 'Fluorine', 18.998403163, 0.57, 0x90e050],
  ['Ne', 'Neon', 20.1797, 0.58, 0xb3e3f5],
  ['Na', 'Sodium', 22.98976928, 1.66, 0xab5cf2],
  ['Mg', 'Magnesium', 24.305, 1.41, 0x8aff00],
  ['Al', 'Aluminium', 26.9815385, 1.21, 0xbfa6a6],
  ['Si', 'Silicon', 28.085, 1.11, 0xf0c8a0],
  ['P', 'Phosphorus', 30.973761998, 1.07, 0xff8000],
  ['S', 'Sulfur', 32.06, 1.05, 0xffff30],
  ['Cl', 'Chlorine', 35.45, 1.02, 0x1ff01f],
  ['Ar', 'Argon', 39.948, 1.06, 0x80d1e3],
  ['K', 'Potassium', 39.0983, 2.03, 0x8f40d4],
  ['Ca', 'Calcium', 40.078, 1.76, 0x3dff00],
  ['Sc', 'Scandium', 44.955908, 1.7, 0xe6e6e6],
  ['Ti', 'Titanium', 47.867, 1.6, 0xbfc2c7],
  ['V', 'Vanadium', 50.9415, 1.53, 0xa6a6ab],
  ['Cr', 'Chromium', 51.9961, 1.39, 0x8a99c7],
  ['Mn', 'Manganese', 54.938044, 1.39, 0x9c7ac7],
  ['Fe', 'Iron', 55.845, 1.32, 0xe06633],
  ['Co', 'Cobalt', 58.933194, 1.26, 0xf090a0],
  ['Ni', 'Nickel', 58.6934, 1.24, 0x50d050],
  ['Cu', 'Copper', 63.546, 1.32, 0xc88033],
  ['Zn', 'Zinc', 65.38, 1.22, 0x7d80b0],
  ['Ga', 'Gallium', 69.723, 1.22, 0xc28f8f],
  ['Ge', 'Germanium', 72.63, 1.2, 0x668f8f],
  ['As', 'Arsenic', 74.921595, 1.19, 0xbd80e3],
  ['Se', 'Selenium', 78.971, 1.2, 0xffa100],
  ['Br', 'Bromine', 79.904, 1.2, 0xa62929],
  ['Kr', 'Krypton', 83.798, 1.16, 0x5cb8d1],
];

/** All known elements, indexed by atomic number − 1. */
export const ELEMENTS: readonly Element[] = ROWS.map(([symbol, name, mass, covalentRadius, color], i) =>
  Object.freeze({ symbol, name, number: i + 1, mass, covalentRadius, color }),
);

// A Map rather than an object literal so that 'constructor' or '__proto__' are never mistaken for elements.
const BY_SYMBOL: ReadonlyMap<string, Element> = new Map(ELEMENTS.map((e) => [e.symbol, e]));

/** Looks up the canonical, case-sensitive symbol ('Cl', not 'CL' or 'cl'). */
export function elementBySymbol(symbol: string): Element | undefined {
  return BY_SYMBOL.get(symbol);
}

export function elementByNumber(z: number): Element | undefined {
  return Number.isInteger(z) && z >= 1 ? ELEMENTS[z - 1] : undefined;
}

export function isElement(symbol: string): boolean {
  return BY_SYMBOL.has(symbol);
}

/** Atomic number of a known symbol; throws RangeError otherwise, since a wrong Z would corrupt features silently. */
export function atomicNumber(symbol: string): number {
  const element = BY_SYMBOL.get(symbol);
  if (!element) throw new RangeError(`unknown element symbol '${symbol}'`);
  return element.number;
}
