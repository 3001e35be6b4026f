/**
 * Structures the user pastes or drops: the first frame of an extended-XYZ text, read on the page with the project's
 * parser so that a malformed file is reported (frame and line) before anything reaches the worker. The worker checks
 * the rest (two atoms on one point) and says so in the same way. A frame with a Lattice and pbc flags keeps both: its
 * fields and features are then those of the periodic system, as the CLI computes them.
 */
import type { Cell, Structure } from '../../chem/structure.ts';
import { ExtXyzError, parseExtXyz } from '../../chem/extxyz.ts';
import { StructureInputError } from '../../lode/errors.ts';
import { latticeOf } from '../../lode/lattice.ts';
import { describeBoundary } from './periodicity.ts';

/** Atoms a pasted structure may have: the exact field on a 256² slice costs 65 536 evaluations per atom. */
export const MAX_PASTED_ATOMS = 1000;

/** A structure as it crosses the worker boundary in a lesson request (plain arrays); periodic when it has a cell. */
export interface PastedStructure {
  readonly species: readonly string[];
  readonly positions: readonly number[];
  /** The cell (rows a, b, c) and pbc flags of a periodic structure (two or three flags true); both or neither. */
  readonly cell?: Cell;
  readonly pbc?: readonly [boolean, boolean, boolean];
}

export type PasteOutcome =
  | { readonly ok: true; readonly structure: PastedStructure; readonly note: string }
  | { readonly ok: false; readonly message: string };

/** The line of a frame's header (its comment line, where Lattice and pbc are): the first frame's is line 2. */
const FIRST_HEADER_LINE = 2;

/** What becomes of the frame's cell: kept when it makes the frame periodic, else why it is dropped (or nothing). */
function cellOf(frame: Structure): {
  cell?: Cell;
  pbc?: readonly [boolean, boolean, boolean];
  note?: string;
} {
  const { cell, pbc } = frame;
  if (!pbc?.some(Boolean)) return cell ? { note: 'a cluster: its cell has no periodic direction' } : {};
  if (!cell) return { note: 'a cluster: pbc without a Lattice' };
  return { cell, pbc };
}

/**
 * The first frame of a pasted extended-XYZ text, or the reason it cannot be read: the parser's error with its frame
 * (counted from 1) and line, a cell the engine cannot repeat (periodic along one vector only), or too many atoms.
 */
export function readPastedStructure(text: string): PasteOutcome {
  let frames: Structure[];
  try {
    frames = parseExtXyz(text, { maxAtoms: MAX_PASTED_ATOMS });
  } catch (e) {
    if (e instanceof ExtXyzError)
      return { ok: false, message: `Not read: frame ${e.frame + 1}, line ${e.line}: ${e.detail}` };
    throw e;
  }
  const [first] = frames;
  if (!first) return { ok: false, message: 'Not read: the text holds no frame.' };
  const { cell, pbc, note } = cellOf(first);
  const periodic = cell && pbc ? { cell, pbc } : undefined;
  if (periodic) {
    try {
      latticeOf(periodic);
    } catch (e) {
      if (e instanceof StructureInputError)
        return { ok: false, message: `Not read: frame 1, line ${FIRST_HEADER_LINE}: ${e.detail}` };
      throw e;
    }
  }
  const notes = [
    `${first.species.length} atoms`,
    ...(frames.length > 1 ? [`frame 1 of ${frames.length}`] : []),
    ...(note ? [note] : periodic ? [describeBoundary(periodic)] : []),
  ];
  return {
    ok: true,
    structure: { species: [...first.species], positions: [...first.positions], ...periodic },
    note: notes.join(', '),
  };
}
