/**
 * The water-on-lithium lesson (paper §4.2, Figs. 7–8): a water molecule above a Li(100) slab, its binding curve and
 * its induced dipole, learned by a local ρ⊗ρ model and a multi-scale ρ⊗V one from the water's atoms.
 */
import { defineLesson } from '../lesson.ts';
import type { ParamValues } from '../params.ts';
import { PAPER_TRAIN_CURVES } from './energy-model.ts';
import { PAPER_HYPERS } from './features.ts';

/** The `configuration` value that stands for the paper's Fig. 7 choice: the test curve of median ρ⊗V error. */
export const MEDIAN_CONFIGURATION = 0;
export const CONFIGURATIONS = 81;
/** Heights (Å) of the water's lowest atom above the top layer's nuclei in D3. */
export const HEIGHT_RANGE = [0.5, 8] as const;

export const params = {
  configuration: {
    kind: 'int',
    label: 'Water configuration',
    help: 'Which of the 81 water geometries and orientations (leftmost: the test configuration of median ρ⊗V error).',
    min: MEDIAN_CONFIGURATION,
    max: CONFIGURATIONS,
    step: 1,
    default: MEDIAN_CONFIGURATION,
  },
  height: {
    kind: 'number',
    label: 'Height',
    help: 'How far the water’s lowest atom is above the top layer of Li nuclei; the models predict between the dataset’s points too.',
    min: HEIGHT_RANGE[0],
    max: HEIGHT_RANGE[1],
    step: 0.05,
    unit: 'Å',
    digits: 2,
    default: 3,
  },
  cutoff: {
    kind: 'number',
    label: 'Cutoff r_c',
    help: 'Radius of the environments around the water’s atoms (paper: 4 Å).',
    min: 2,
    max: 6,
    step: 0.5,
    unit: 'Å',
    digits: 1,
    default: PAPER_HYPERS.cutoff,
  },
  sigma: {
    kind: 'number',
    label: 'Gaussian width σ',
    help: 'Width of each atom’s density (paper: 0.3 Å).',
    min: 0.2,
    max: 0.6,
    step: 0.05,
    unit: 'Å',
    digits: 2,
    default: PAPER_HYPERS.sigma,
  },
  nMax: {
    kind: 'int',
    label: 'n_max',
    help: 'Radial functions per species channel.',
    min: 2,
    max: 6,
    step: 1,
    default: PAPER_HYPERS.nMax,
  },
  lMax: {
    kind: 'int',
    label: 'l_max',
    help: 'Largest angular momentum: l = 1 carries the field and the dipoles; the vector model needs at least 1.',
    min: 1,
    max: 4,
    step: 1,
    default: PAPER_HYPERS.lMax,
  },
  trainCurves: {
    kind: 'int',
    label: 'Training curves',
    help: 'How many of the 75 training binding curves the energy models learn from (6 are always held out).',
    min: 5,
    max: PAPER_TRAIN_CURVES,
    step: 5,
    default: PAPER_TRAIN_CURVES,
  },
  split: {
    kind: 'int',
    label: 'Split',
    help: 'Seed of the random split into training and test data; reshuffle to see how much the scores move.',
    min: 0,
    max: 999,
    step: 1,
    default: 0,
  },
  images: {
    kind: 'choice',
    label: 'Periodic images',
    help: 'Draw the neighbouring copies of the 5 × 5 cell, so that the surface looks as infinite as the model treats it.',
    options: ['off', 'on'],
    display: 'radio',
    default: 'on',
    scope: 'view',
  },
  camera: { kind: 'vector3', label: 'Camera position', default: [8.8, -34, 42], scope: 'view' },
  target: { kind: 'vector3', label: 'Camera target', default: [8.8, 8.8, 19], scope: 'view' },
} as const;

export type LiWaterValues = ParamValues<typeof params>;

export const liWaterLesson = defineLesson({
  id: 'li-water',
  title: 'A water molecule above a metal surface',
  summary:
    'A water molecule approaches a lithium slab. A local ρ⊗ρ model loses sight of the metal once the water is ' +
    'beyond its cutoff; ρ⊗V follows the image-charge attraction and learns the dipole the metal induces.',
  teaching:
    'A metal screens any field: its electrons rearrange until the field inside vanishes, and outside the surface ' +
    'this looks like a mirror image of every charge of the water, with the opposite sign, behind an image plane. ' +
    'The water is attracted by its own image, and the image’s field polarises the water in turn (the induced ' +
    'dipole P^W). A local model sees only atoms within r_c of each centre: once the water is more than r_c (plus ' +
    'the Gaussians’ tails) above the surface, its environments hold nothing but the water itself and the model ' +
    'predicts the same for every height. The potential V of the slab’s atoms reaches every height and enters ' +
    'ρ⊗V. The reference is not DFT: it is an image-charge model of a perfect conductor fitted to 16 CP2K PBE-D3 ' +
    'points of a smaller slab (see the dataset’s notes).',
  source: '§4.2, Figs. 7–8',
  params,
  steps: [
    {
      id: 'energy',
      title: 'Binding curve',
      text: 'Drag the height and compare the two models with the reference, below and beyond the cutoff (dashed line).',
      question: 'Beyond which height does the ρ⊗ρ curve turn flat, and why there?',
      values: {},
    },
    {
      id: 'polarisation',
      title: 'Induced dipole',
      text: 'The arrows are the water’s induced dipole: the reference and both models. The learning curves use only waters more than 4.5 Å above the surface.',
      question: 'Why does more training data not help the ρ⊗ρ model learn P^W at all?',
      values: { height: 5.5 },
      hide: ['trainCurves'],
    },
  ],
  datasets: ['d3-li-water'],
  // The P^W learning curves follow the first charts (see session.ts).
  background: (values) => [{ ...values, learning: true }],
  createSession: () => import('./session.ts').then((m) => m.createSession),
});
