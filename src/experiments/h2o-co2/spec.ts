/** The H2O–CO2 multipole lesson (paper §3.2, Figs. 3–4): its parameters, steps and dataset. */
import { defineLesson } from '../lesson.ts';
import type { ParamValues } from '../params.ts';

export const CENTRINGS = ['water-O', 'co2-C', 'all'] as const;
export type Centring = (typeof CENTRINGS)[number];

export const params = {
  orientation: {
    kind: 'int',
    label: 'Orientation',
    help: 'Which of the 33 orientations of CO2 relative to water the binding curve shows.',
    min: 0,
    max: 32,
    step: 1,
    default: 0,
  },
  separation: {
    kind: 'number',
    label: 'Separation R',
    help: 'Distance between the centres of mass; the model answers beyond its training window too.',
    min: 3,
    max: 20,
    step: 0.05,
    unit: 'Å',
    digits: 2,
    default: 7.5,
    scope: 'view',
  },
  centring: {
    kind: 'choice',
    label: 'Centres',
    help: 'The atoms whose environments make the features: one centre sees the other molecule as multipoles.',
    options: CENTRINGS,
    optionLabels: { 'water-O': 'O of H2O', 'co2-C': 'C of CO2', all: 'all atoms' },
    display: 'radio',
    default: 'water-O',
  },
  lMax: {
    kind: 'int',
    label: 'Angular cutoff l_max',
    help: 'Highest angular channel kept: l = 0 sees charges, 1 dipoles, 2 quadrupoles.',
    min: 0,
    max: 6,
    step: 1,
    default: 1,
  },
  features: {
    kind: 'choice',
    label: 'Features',
    help: 'ρ⊗V couples the local density to the far-field potential; ρ⊗ρ is blind beyond the cutoff.',
    options: ['rho-V', 'rho-rho'],
    optionLabels: { 'rho-V': 'ρ⊗V (multi-scale LODE)', 'rho-rho': 'ρ⊗ρ (local, for contrast)' },
    display: 'select',
    default: 'rho-V',
  },
  cutoff: {
    kind: 'number',
    label: 'Cutoff r_c',
    help: 'Radius of the local environment the expansion describes.',
    min: 1,
    max: 8,
    step: 0.1,
    unit: 'Å',
    digits: 2,
    default: 3,
  },
  sigma: {
    kind: 'number',
    label: 'Gaussian width σ',
    help: 'Width of the Gaussian smearing each atom into a density.',
    min: 0.1,
    max: 1.5,
    step: 0.05,
    unit: 'Å',
    digits: 2,
    default: 0.3,
  },
  nMax: {
    kind: 'int',
    label: 'Radial functions n_max',
    help: 'Number of radial basis functions per angular channel.',
    min: 1,
    max: 12,
    step: 1,
    default: 6,
  },
  trainWindow: {
    kind: 'range',
    label: 'Training window',
    help: 'Separations the model is trained on; everything beyond is the extrapolation test.',
    min: 3,
    max: 20,
    step: 0.25,
    unit: 'Å',
    default: [6.5, 9],
  },
  camera: { kind: 'vector3', label: 'Camera position', default: [0, -22, 4], scope: 'view' },
  target: { kind: 'vector3', label: 'Camera target', default: [0, 0, 3.75], scope: 'view' },
} as const;

export type H2oCo2Values = ParamValues<typeof params>;

/** The largest l_max the lesson computes (features are made once at it; smaller ones are column masks). */
export const LESSON_LMAX = params.lMax.max;

export const h2oCo2Lesson = defineLesson({
  id: 'h2o-co2',
  title: 'H2O–CO2: which multipoles does an interaction need?',
  summary:
    'A linear ρ⊗V model learns the binding curve of water and CO2 at short range and extrapolates it far beyond ' +
    'the cutoff. Changing l_max shows that water-centred features need the dipole (l = 1) and CO2-centred ones ' +
    'the quadrupole (l = 2).',
  teaching:
    'Local models see only the neighbours within a cutoff. The atom-density potential V carries the far field into ' +
    'a local descriptor: ρ⊗V features act like a learned multipole expansion. Drag the separation and l_max to see ' +
    'which multipoles the H2O–CO2 interaction needs.',
  source: '§3.2, Figs. 3–4',
  params,
  steps: [
    {
      id: 'explore',
      title: 'Explore',
      text: 'Every control is free: pick centres, l_max and hypers, and drag R beyond the training window.',
      question: 'Switch the features to ρ⊗ρ: why does the model now predict exactly 0 at every separation?',
      values: {},
    },
    {
      id: 'water-centre',
      title: 'Centred on water',
      text: 'Features centred on the O of water see CO2 through the potential. Raise l_max one step at a time.',
      question: 'At which l_max does the extrapolation error drop, and which property of water explains it?',
      values: { centring: 'water-O', lMax: 0 },
      hide: ['centring'],
    },
    {
      id: 'co2-centre',
      title: 'Centred on CO2',
      text: 'Features centred on the C of CO2, which has no dipole moment. Raise l_max again.',
      question: 'Why does l_max = 1 not help here, and what does l_max = 2 describe?',
      values: { centring: 'co2-C', lMax: 0 },
      hide: ['centring'],
    },
    {
      id: 'all-atoms',
      title: 'All atoms',
      text: 'Every atom is a centre, each with its own (partial-charge-like) channel.',
      question: 'Why is l_max = 0 already good when every atom is a centre?',
      values: { centring: 'all', lMax: 0 },
      hide: ['centring'],
    },
  ],
  datasets: ['d2-h2o-co2'],
  // The error-against-l_max chart overlays every centring (paper Fig. 3): the others follow the chosen one.
  background: (values) =>
    CENTRINGS.filter((c) => c !== values.centring).map((centring) => ({ ...values, centring })),
  createSession: () => import('./session.ts').then((m) => m.createSession),
});
