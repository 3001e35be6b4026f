/**
 * The fields lesson: ρ_i and V_i around any atom on a slice through it, next to their truncated expansions, and
 * what l_max and n_max keep of them; examples or the user's own structure.
 */
import { ELEMENTS } from '../../chem/elements.ts';
import { defineLesson } from '../lesson.ts';
import type { ParamValues } from '../params.ts';
import { EXAMPLES } from './examples.ts';
import { LINK_STRUCTURE_LIMIT } from './structure-link.ts';

/** The largest l_max and n_max the lesson offers: coefficients are computed at these, smaller ones are truncations. */
export const FIELDS_LMAX = 8;
export const FIELDS_NMAX = 12;
/** Pixels along each side of the slice. */
export const SLICE_RESOLUTION = 256;
/** The slice shows the field a little beyond the cutoff sphere (its half-width in units of r_c). */
export const SLICE_HALF_WIDTH = 1.25;

export const params = {
  structure: {
    kind: 'choice',
    label: 'Structure',
    help: 'A built-in example, or the structure you pasted or dropped (links carry it up to about 500 atoms).',
    options: [...EXAMPLES, 'pasted'],
    optionLabels: {
      water: 'Water',
      co2: 'CO2',
      'h2o-co2': 'Water with CO2 6.5 Å above it',
      'charged-dimer': 'Charged dimer (paper data, frame 1)',
      'li-slab-water': 'Water 3 Å above a Li(100) slab (periodic in its plane)',
      pasted: 'Your structure (paste below)',
    },
    display: 'select',
    default: 'water',
  },
  pasted: {
    kind: 'text',
    label: 'Pasted structure',
    help: 'The structure you pasted, packed into the link (see structure-link.ts).',
    maxLength: LINK_STRUCTURE_LIMIT,
    default: '',
  },
  pbc: {
    kind: 'choice',
    label: 'Treat as a cluster',
    help:
      'A structure with a cell and pbc flags is periodic (bulk or slab): its fields sum over every image. Ticked, ' +
      'its cell is ignored (like the CLI’s --no-pbc) and the fields are those of its atoms alone.',
    options: ['periodic', 'cluster'],
    optionLabels: { periodic: 'periodic', cluster: 'treat as a cluster' },
    display: 'radio',
    default: 'periodic',
  },
  images: {
    kind: 'choice',
    label: 'Show periodic images',
    help: 'Draws the neighbouring copies of a periodic structure’s cell, dimmed: the atoms its fields also see.',
    options: ['off', 'on'],
    optionLabels: { off: 'off', on: 'on' },
    display: 'radio',
    default: 'off',
    scope: 'view',
  },
  centre: {
    kind: 'int',
    label: 'Central atom',
    help: 'The atom i whose fields are shown; click an atom in the 3D view to choose it.',
    min: 0,
    max: 999,
    step: 1,
    default: 0,
  },
  field: {
    kind: 'choice',
    label: 'Field',
    help: 'ρ sees only atoms within a few σ; V sees every atom of the structure, however far.',
    options: ['density', 'potential'],
    optionLabels: { density: 'density ρ_i', potential: 'potential V_i' },
    display: 'radio',
    default: 'density',
  },
  channel: {
    kind: 'choice',
    label: 'Species channel',
    help: 'The features keep one field per element a; "all" is their sum, the field of every atom.',
    options: ['all', ...ELEMENTS.map((e) => e.symbol)],
    display: 'select',
    default: 'all',
  },
  plane: {
    kind: 'choice',
    label: 'Slice plane',
    help:
      'The plane through the central atom on which the field is drawn: a Cartesian one, or any by its normal ' +
      '(drag the handle at the tip of the normal in 3D, or focus it and use the arrow keys).',
    options: ['xy', 'xz', 'yz', 'normal'],
    optionLabels: { normal: 'normal below' },
    display: 'radio',
    default: 'xz',
  },
  normal: {
    kind: 'vector3',
    label: 'Slice normal',
    help: 'The direction perpendicular to the slice (any length), used when the plane is given by its normal.',
    default: [1, 1, 1],
  },
  show: {
    kind: 'choice',
    label: 'Show',
    help: 'The exact field, its truncated expansion inside the cutoff sphere, or expansion minus exact.',
    options: ['exact', 'expansion', 'difference'],
    optionLabels: { exact: 'exact', expansion: 'expansion', difference: 'difference' },
    display: 'radio',
    default: 'expansion',
    scope: 'view',
  },
  contours: {
    kind: 'choice',
    label: 'Contours',
    help: 'Lines of equal value over the colours: every fifth of the colour scale on each side of zero, zero included.',
    options: ['off', 'on'],
    optionLabels: { off: 'off', on: 'on' },
    display: 'radio',
    default: 'off',
    scope: 'view',
  },
  lMax: {
    kind: 'int',
    label: 'Angular cutoff l_max',
    help: 'Highest angular channel kept: l = 0 is the spherical average, 1 dipoles, 2 quadrupoles.',
    min: 0,
    max: FIELDS_LMAX,
    step: 1,
    default: 4,
  },
  nMax: {
    kind: 'int',
    label: 'Radial functions n_max',
    help: 'Number of radial basis functions: the radial resolution of the expansion.',
    min: 1,
    max: FIELDS_NMAX,
    step: 1,
    default: 8,
  },
  basis: {
    kind: 'choice',
    label: 'Radial basis',
    help: 'Both are orthonormal on the ball; they converge at different rates as n_max grows.',
    options: ['gto', 'legendre'],
    optionLabels: { gto: 'Gaussian-type orbitals', legendre: 'Legendre polynomials' },
    display: 'radio',
    default: 'gto',
  },
  cutoff: {
    kind: 'number',
    label: 'Cutoff r_c',
    help: 'Radius of the sphere the fields are expanded in.',
    min: 1.5,
    max: 6,
    step: 0.1,
    unit: 'Å',
    digits: 2,
    default: 3,
  },
  sigma: {
    kind: 'number',
    label: 'Gaussian width σ',
    help: 'Width of the Gaussian each atom is smeared into: sharper densities need more l and n.',
    min: 0.2,
    max: 1,
    step: 0.05,
    unit: 'Å',
    digits: 2,
    default: 0.5,
  },
} as const;

export type FieldsValues = ParamValues<typeof params>;

export const fieldsLesson = defineLesson({
  id: 'fields',
  title: 'See the fields: ρ and V around an atom, and what l_max and n_max keep',
  summary:
    'The density ρ_i and potential V_i around any atom, drawn on a slice next to their truncated expansions on ' +
    'radial functions and spherical harmonics. Moving l_max and n_max shows what the features keep of each field, ' +
    'for the examples or your own structure.',
  teaching:
    'Every LODE feature is a product of expansion coefficients of two fields around a central atom: the smooth atom ' +
    'density ρ and the potential V it creates. Here you see the fields themselves and their expansions inside the ' +
    'cutoff sphere: the power per l is their multipole content, and the error shows what a feature vector at ' +
    '(n_max, l_max) has lost.',
  source: '§2, the fields and their expansion',
  params,
  steps: [
    {
      id: 'density',
      title: 'The density',
      text: 'Water, centred on O, sliced in its molecular plane. Lower l_max to 0, then raise it one step at a time.',
      question: 'Which l_max first places the two H atoms in the right directions, and why not l = 0?',
      values: {},
    },
    {
      id: 'potential',
      title: 'The potential sees far',
      text:
        'Water with a CO2 above it, outside the cutoff. Compare ρ and V centred on O: only V changes inside the ' +
        'sphere, and its power per l shows the multipoles of the far molecule.',
      question:
        'Why does the density inside the sphere not change when CO2 is added, while the potential does?',
      values: { structure: 'h2o-co2', field: 'potential', show: 'exact' },
    },
    {
      id: 'radial',
      title: 'Radial resolution',
      text: 'Switch between the two radial bases at l_max 8 and follow the error against n_max.',
      question: 'Which basis needs fewer radial functions for the same error, and where is the error left?',
      values: { lMax: 8, show: 'difference' },
    },
    {
      id: 'surface',
      title: 'A periodic surface',
      text:
        'Water 3 Å above a Li(100) slab that repeats without end in its plane: V is summed over every image of the ' +
        'slab (Ewald), the way the periodic features see it. Compare exact, expansion and difference, then show the ' +
        'Li channel alone.',
      question:
        'Inside the sphere, along which direction does the Li channel’s potential change most, and which l carry it?',
      values: { structure: 'li-slab-water', field: 'potential', show: 'exact' },
    },
    {
      id: 'yours',
      title: 'Your structure',
      text:
        'Paste or drop an extended-XYZ file below, click an atom, and choose a species channel; the link then ' +
        'carries your structure. A frame with Lattice= and pbc= is periodic (bulk, or a slab with two flags T), ' +
        'as the CLI reads it; tick "treat as a cluster" to compare with its atoms alone.',
      question:
        'Which atoms of your structure contribute to the potential inside the sphere, and which to the density?',
      values: { structure: 'pasted' },
    },
  ],
  datasets: ['charge-charge', 'd3-li-water'],
  // The error-against-n_max chart fills in as the radial tables of the other n_max are built, in the background.
  background: (values) =>
    Array.from({ length: FIELDS_NMAX }, (_, i) => i + 1)
      .filter((n) => n !== values.nMax)
      .map((nMax) => ({ ...values, nMax })),
  createSession: () => import('./session.ts').then((m) => m.createSession),
});
