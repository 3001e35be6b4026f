/** The words the lessons use, explained once for every lesson (shown in a lesson's glossary). */
export const GLOSSARY: readonly { readonly term: string; readonly text: string }[] = [
  {
    term: 'ρ (atom density)',
    text: 'Each atom smeared into a Gaussian of width σ; ρ_i is the density around atom i, one channel per element.',
  },
  {
    term: 'V (atom-density potential)',
    text:
      'The electrostatic-like potential that ρ creates: it decays as 1/r, so it carries the influence of far ' +
      'atoms into the neighbourhood of atom i.',
  },
  {
    term: 'ρ⊗ρ',
    text: 'Products of density coefficients around one atom (SOAP-like): they see only atoms within r_c.',
  },
  {
    term: 'ρ⊗V',
    text:
      'Products of density and potential coefficients: a local description that also sees the far field, like a ' +
      'learned multipole expansion.',
  },
  {
    term: 'l_max',
    text:
      'The highest angular momentum kept. l = 0 describes charges, l = 1 dipoles, l = 2 quadrupoles: l_max decides ' +
      'which multipoles the model can use.',
  },
  { term: 'r_c (cutoff)', text: 'Radius of the sphere around each atom in which the fields are expanded.' },
  { term: 'n_max', text: 'Number of radial basis functions per angular channel: the radial resolution.' },
  {
    term: 'Extrapolation test',
    text: 'The model is trained at short separations and scored at larger ones it has never seen.',
  },
];

/** The paper the lessons follow. */
export const PAPER = {
  citation: 'A. Grisafi, J. Nigam and M. Ceriotti, Chem. Sci. 12, 2078 (2021)',
  url: 'https://doi.org/10.1039/d0sc04934d',
} as const;
