/**
 * Finding a dimer by name: SSI ids read residue number and name of each monomer and a serial ('027ARG-094ASP-1'),
 * so a learner types a part of one ('arg-094', 'ASP') and picks among the matches. A match says the dimer's class
 * and its index within the class (the lesson's `cls` and `dimer` values).
 */
import type { ClassName } from './split.ts';

export interface DimerMatch {
  readonly id: string;
  readonly cls: ClassName;
  /** Index of the dimer among its class's dimers, in dataset order. */
  readonly index: number;
}

/** Ignores case and spaces, so that 'arg 094' finds '027ARG-094ASP-1'. */
const normalise = (text: string) => text.toUpperCase().replace(/\s+/g, '');

/**
 * The dimers whose id contains the query: an exact id first, then those starting with it, then the rest, each in
 * dataset order; at most `limit`. An empty query matches nothing.
 */
export function searchDimers(
  curves: readonly { readonly id: string; readonly class: ClassName }[],
  query: string,
  limit = 20,
): DimerMatch[] {
  const wanted = normalise(query);
  if (!wanted) return [];
  const seen = new Map<ClassName, number>();
  const ranked: { match: DimerMatch; rank: number }[] = [];
  for (const curve of curves) {
    const index = seen.get(curve.class) ?? 0;
    seen.set(curve.class, index + 1);
    const id = normalise(curve.id);
    const at = id.indexOf(wanted);
    if (at < 0) continue;
    const rank = id === wanted ? 0 : at === 0 ? 1 : 2;
    ranked.push({ match: { id: curve.id, cls: curve.class, index }, rank });
  }
  // Array.prototype.sort is stable: dataset order within a rank.
  return ranked
    .sort((a, b) => a.rank - b.rank)
    .slice(0, limit)
    .map((r) => r.match);
}
