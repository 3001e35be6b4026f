/**
 * Water above a perfect conductor (the textbook picture the paper invokes for Li(100)): the water's fixed charges
 * and one isotropic point polarisability at O interact with their mirror images (sign inverted) about an image
 * plane; the induced dipole is solved self-consistently in the field of all images, including its own. A pairwise
 * Born–Mayer repulsion with the slab atoms and a damped −C3/z³ dispersion term complete the binding energy.
 *
 * Units: Å, e, eV; electrostatics in e²/Å times COULOMB_EV. Charges and the polarisable site are Gaussian
 * distributions of width `smearing`, so the image interaction stays finite when an atom reaches the image plane.
 */
import erf from '@stdlib/math-base-special-erf';

/** e²/(4πε₀) in eV·Å (CODATA 2018). */
export const COULOMB_EV = 14.399645;

/** TIP3P charges (e) on the nuclei, and the experimental gas-phase polarisability of water (Å³). */
export const WATER_CHARGES = { O: -0.834, H: 0.417 } as const;
export const WATER_POLARISABILITY = 1.47;

export interface ImageModelParameters {
  /** Image plane height above the top layer's nuclei (Å). */
  readonly imagePlane: number;
  /** Width of the Gaussian charges in the image interactions (Å). */
  readonly smearing: number;
  /** Born–Mayer prefactors (eV) for O–Li and H–Li, and their common decay length (Å). */
  readonly repulsionO: number;
  readonly repulsionH: number;
  readonly repulsionLength: number;
  /** Dispersion coefficient (eV·Å³) of −C3/((z_O − z_image)² + DISPERSION_DAMPING²)^{3/2}. */
  readonly c3: number;
}

/** Damping length (Å) of the dispersion term, fixed so that C3 is the only dispersion parameter fitted. */
export const DISPERSION_DAMPING = 1;

export interface Surface {
  /** z of the top layer's nuclei (Å). */
  readonly top: number;
  /** Lateral period in x and y (Å): the repulsion uses minimum-image distances. */
  readonly period: number;
  /** Slab atom positions, flat (Å). */
  readonly atoms: ArrayLike<number>;
}

export interface WaterResponse {
  /** Binding energy (eV) and its parts. */
  readonly energy: number;
  readonly electrostatic: number;
  readonly repulsion: number;
  readonly dispersion: number;
  /** Induced dipole at O (e·Å): the water's polarisation P^W. */
  readonly inducedDipole: readonly [number, number, number];
}

/**
 * The smeared Coulomb kernel f(r) = erf(r/a)/r (two Gaussians of width s: a = 2s), with f'(r)/r and f''(r) for
 * fields and the dipole tensor. Below r = 1e-3·a the closed forms cancel badly, so the Taylor series is used.
 */
export function smearedKernel(r: number, a: number): { f: number; dfOverR: number; d2f: number } {
  const c = 2 / (a * Math.sqrt(Math.PI));
  const x = r / a;
  if (x < 1e-3) {
    const x2 = x * x;
    return {
      f: c * (1 - x2 / 3),
      dfOverR: (c / (a * a)) * (-2 / 3 + (2 * x2) / 5),
      d2f: (c / (a * a)) * (-2 / 3 + (6 * x2) / 5),
    };
  }
  const f = erf(x) / r;
  const g = c * Math.exp(-x * x);
  const dfOverR = (g - f) / (r * r);
  return { f, dfOverR, d2f: (-2 * g) / (a * a) - 2 * dfOverR };
}

/** Water atoms [O, H, H] (flat positions, Å) above the surface: energy and induced dipole. */
export function waterOnConductor(
  water: ArrayLike<number>,
  surface: Surface,
  params: ImageModelParameters,
): WaterResponse {
  const charges = [WATER_CHARGES.O, WATER_CHARGES.H, WATER_CHARGES.H];
  const zImage = surface.top + params.imagePlane;
  const a = 2 * params.smearing;
  const alpha = WATER_POLARISABILITY;

  // Charge–image energy ½ Σ_ij q_i (−q_j) f(|r_i − r̄_j|) and the field of the image charges at O.
  let chargeImage = 0;
  const field = [0, 0, 0];
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      const dx = water[3 * i]! - water[3 * j]!;
      const dy = water[3 * i + 1]! - water[3 * j + 1]!;
      const dz = water[3 * i + 2]! - (2 * zImage - water[3 * j + 2]!);
      const k = smearedKernel(Math.hypot(dx, dy, dz), a);
      chargeImage -= 0.5 * charges[i]! * charges[j]! * k.f;
      // E = −∇(q f) = −q f'(r) r̂ with q = −q_j.
      if (i === 0) {
        field[0]! += charges[j]! * k.dfOverR * dx;
        field[1]! += charges[j]! * k.dfOverR * dy;
        field[2]! += charges[j]! * k.dfOverR * dz;
      }
    }
  }

  // The image of p is M p, M = diag(−1, −1, 1), at distance d straight below O; its field at O is H·M·p with H
  // the Hessian of f along z: diag(f'/r, f'/r, f''). Self-consistency p = α(E + H M p) is diagonal.
  const self = smearedKernel(2 * (water[2]! - zImage), a);
  const coupling = [-self.dfOverR, -self.dfOverR, self.d2f];
  const p = [0, 1, 2].map((k) => (alpha * field[k]!) / (1 - alpha * coupling[k]!)) as [
    number,
    number,
    number,
  ];
  // U(p) = ½QGQ − p·E − ½ p·HMp + p²/(2α); at the minimum the last three give −½ p·E.
  const electrostatic =
    COULOMB_EV * (chargeImage - 0.5 * (p[0] * field[0]! + p[1] * field[1]! + p[2] * field[2]!));

  let repulsion = 0;
  const wrap = (d: number) => d - surface.period * Math.round(d / surface.period);
  for (let i = 0; i < 3; i++) {
    const prefactor = i === 0 ? params.repulsionO : params.repulsionH;
    for (let s = 0; s < surface.atoms.length; s += 3) {
      const dx = wrap(water[3 * i]! - surface.atoms[s]!);
      const dy = wrap(water[3 * i + 1]! - surface.atoms[s + 1]!);
      const r = Math.hypot(dx, dy, water[3 * i + 2]! - surface.atoms[s + 2]!);
      repulsion += prefactor * Math.exp(-r / params.repulsionLength);
    }
  }

  const height = water[2]! - zImage;
  const dispersion = -params.c3 / Math.pow(height * height + DISPERSION_DAMPING ** 2, 1.5);
  return {
    energy: electrostatic + repulsion + dispersion,
    electrostatic,
    repulsion,
    dispersion,
    inducedDipole: p,
  };
}
