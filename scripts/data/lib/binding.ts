/** Binding energies from the runner's outcomes: E_AB − E_A − E_B in eV, or why it is missing. */
import { roundTo } from '../../../src/data/geometry.ts';
import { HARTREE_EV } from './calculator.ts';
import type { Outcome } from './runner.ts';

/** Energies are stored to 1e-6 eV. */
export const ENERGY_DECIMALS = 6;

export function bindingEnergy(
  outcomes: ReadonlyMap<string, Outcome>,
  dimer: string,
  a: string,
  b: string,
): number | { readonly reason: string } {
  const parts = [dimer, a, b].map((id) => outcomes.get(id));
  const failed = parts.find((o) => o && !o.ok);
  if (failed && !failed.ok) return { reason: failed.reason };
  const [ab, ea, eb] = parts;
  if (!ab?.ok || !ea?.ok || !eb?.ok) return { reason: 'not computed' };
  return roundTo((ab.energyHartree - ea.energyHartree - eb.energyHartree) * HARTREE_EV, ENERGY_DECIMALS);
}
