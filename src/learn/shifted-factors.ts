/**
 * Factorisations of one symmetric matrix with several shifts (A + α·I over a grid of ridge α), each used once and
 * in order, as usingShiftedFactor would one after the other, with the same bits: with a Gram team installed, its
 * helpers factorise the next shifts while the caller factorises and uses the first.
 */
import {
  choleskyOnHeap,
  choleskySolve,
  packedRowStart,
  trusted,
  usingShiftedFactor,
  type SpdFactor,
  type SymmetricRows,
} from './linalg.ts';
import { GramTeamError, installedGramTeam } from './team/gram-team.ts';
import { choleskyOnTeam } from './team/split-cholesky.ts';
import { kernelVariant } from './wasm/kernels.ts';

/** solveWith(factor of A + shifts[k]·I, k) for every k in order (A symmetric PSD; not modified). */
export function usingShiftedFactors<T>(
  matrix: SymmetricRows,
  shifts: readonly number[],
  what: string,
  solveWith: (factor: SpdFactor, k: number) => T,
): T[] {
  const { n } = matrix;
  const results: T[] = [];
  // Pending: helpers with a factor under way or not yet released; freed before returning, whatever happens.
  const pending = new Set<number>();
  // A shift factored while the helpers are free is split across them when large enough.
  const alone = (k: number) =>
    usingShiftedFactor(
      matrix,
      shifts[k],
      what,
      (factor) => solveWith(factor, k),
      pending.size === 0 ? choleskyOnTeam : choleskyOnHeap,
    );
  const team = installedGramTeam();
  const helpers = team?.worthFactoring(n) ? team.threads - 1 : 0;
  try {
    while (team && helpers > 0 && results.length < shifts.length) {
      const first = results.length;
      const handed = Math.min(helpers, shifts.length - first - 1);
      for (let h = 0; h < handed; h++) {
        team.startFactor(h, kernelVariant(), n, shifts[first + 1 + h], (i) => matrix.lowerRow(i));
        pending.add(h);
      }
      results.push(alone(first));
      for (let h = 0; h < handed; h++) {
        const { result, l } = team.finishFactor(h, n);
        const solve = (b: Float64Array) => choleskySolve(l, n, b, packedRowStart);
        // A factor the Cholesky path does not trust is made again here, where the eigen solve takes over.
        results.push(
          trusted(result)
            ? solveWith({ n, solver: 'cholesky', warnings: [], solve }, first + 1 + h)
            : alone(first + 1 + h),
        );
        team.releaseFactor(h);
        pending.delete(h);
      }
    }
  } catch (error) {
    // The team was dismissed (a helper stopped answering): the other shifts on this thread.
    if (!(error instanceof GramTeamError)) throw error;
    pending.clear();
  } finally {
    for (const h of pending) {
      try {
        team!.finishFactor(h, n);
        team!.releaseFactor(h);
      } catch {
        break; // dismissed meanwhile
      }
    }
  }
  while (results.length < shifts.length) results.push(alone(results.length));
  return results;
}
