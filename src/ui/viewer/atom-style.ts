/** How an atom looks in the 3D view (sphere radius in Å, colour), shared by the atoms and their periodic images. */
import { elementBySymbol } from '../../chem/elements.ts';

const ATOM_SCALE = 0.45;
/** Magenta marks an element the table does not know. */
const UNKNOWN_COLOR = 0xff00ff;

export function atomStyle(symbol: string): { radius: number; color: number } {
  const element = elementBySymbol(symbol);
  return {
    radius: ATOM_SCALE * (element?.covalentRadius ?? 0.7) + 0.15,
    color: element?.color ?? UNKNOWN_COLOR,
  };
}
