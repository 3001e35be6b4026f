/**
 * Structures the user pastes or drops: the first frame of an extended-XYZ text, read on the page with the project's
 * parser so that a malformed file is reported (frame and line) before anything reaches the worker. The worker checks
 * the rest (two atoms on one point) and says so in the same way.
 */
import { ExtXyzError, parseExtXyz } from '../../chem/extxyz.ts';
import type { Structure } from '../../chem/structure.ts';

/** Atoms a pasted structure may have: the exact field on a 256² slice costs 65 536 evaluations per atom. */
export const MAX_PASTED_ATOMS = 1000;

/** A structure as it crosses the worker boundary in a lesson request (plain arrays). */
export interface PastedStructure {
  readonly species: readonly string[];
  readonly positions: readonly number[];
}

export type PasteOutcome =
  | { readonly ok: true; readonly structure: PastedStructure; readonly note: string }
  | { readonly ok: false; readonly message: string };

/**
 * The first frame of a pasted extended-XYZ text, or the reason it cannot be read: the parser's error with its frame
 * (counted from 1) and line, or too many atoms. A periodic cell is ignored (the fields are those of a cluster).
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
  const notes = [
    `${first.species.length} atoms`,
    ...(frames.length > 1 ? [`frame 1 of ${frames.length}`] : []),
    ...(first.pbc?.some(Boolean) || first.cell
      ? ['its cell is ignored: the fields are those of a cluster']
      : []),
  ];
  return {
    ok: true,
    structure: { species: [...first.species], positions: [...first.positions] },
    note: notes.join(', '),
  };
}
