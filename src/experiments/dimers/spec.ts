/** The dimer lesson (paper §4.1, Table 1, Fig. 5): six classes of molecular pairs, one ρ⊗V model per class. */
import { defineLesson } from '../lesson.ts';
import type { ParamValues } from '../params.ts';
import { LESSON_HYPERS } from './binding-features.ts';
import type { ClassName } from './split.ts';

export const CLASSES = ['CC', 'CP', 'CA', 'PP', 'PA', 'AA'] as const satisfies readonly ClassName[];

/** Dimers per class in D1 (public/data/d1-ssi.json; a test checks these against the dataset). */
export const CLASS_SIZES: Readonly<Record<ClassName, number>> = {
  CC: 191,
  CP: 364,
  CA: 229,
  PP: 346,
  PA: 973,
  AA: 1277,
};

const CLASS_NAMES: Readonly<Record<ClassName, string>> = {
  CC: 'charged–charged',
  CP: 'charged–polar',
  CA: 'charged–apolar',
  PP: 'polar–polar',
  PA: 'polar–apolar',
  AA: 'apolar–apolar',
};

/** The `dimer` value that stands for the paper's Fig. 5 choice: the test dimer of median ρ⊗V error. */
export const MEDIAN_DIMER = -1;

/** Displacements of D1 (Å): the database geometry, then 12 rigid steps of 0.25 Å apart. */
export const DISPLACEMENT_STEP = 0.25;
export const DISPLACEMENTS = Array.from({ length: 13 }, (_, k) => k * DISPLACEMENT_STEP);

export const params = {
  cls: {
    kind: 'choice',
    label: 'Class',
    help: 'Which kind of pair: one model is trained per class, on its own training dimers.',
    options: CLASSES,
    optionLabels: Object.fromEntries(
      CLASSES.map((c) => [c, `${c}: ${CLASS_NAMES[c]} (${CLASS_SIZES[c]} dimers)`]),
    ),
    display: 'radio',
    default: 'CC',
  },
  dimer: {
    kind: 'int',
    label: 'Dimer',
    help: 'Which dimer of the class (leftmost: the test dimer of median ρ⊗V error, as in the paper).',
    min: MEDIAN_DIMER,
    max: Math.max(...Object.values(CLASS_SIZES)) - 1,
    step: 1,
    default: MEDIAN_DIMER,
  },
  displacement: {
    kind: 'number',
    label: 'Displacement',
    help: 'How far monomer B is moved rigidly away from A, from the database geometry (0 Å).',
    min: 0,
    max: DISPLACEMENTS[DISPLACEMENTS.length - 1]!,
    step: DISPLACEMENT_STEP,
    unit: 'Å',
    digits: 2,
    default: 0,
    scope: 'view',
  },
  camera: { kind: 'vector3', label: 'Camera position', default: [0, -20, 4], scope: 'view' },
  target: { kind: 'vector3', label: 'Camera target', default: [0, 0, 0], scope: 'view' },
} as const;

export type DimersValues = ParamValues<typeof params>;

export const dimersLesson = defineLesson({
  id: 'dimers',
  title: 'Binding curves of six kinds of molecular pairs',
  summary:
    'One linear model per class of dimer, from ion pairs to pure dispersion, learns whole binding curves from ' +
    'ρ⊗V features and puts an error bar on each prediction. A local ρ⊗ρ model with the same 3 Å cutoff cannot ' +
    'see the partner once it has moved away, and fails most where charges interact.',
  teaching:
    'Charged pairs (CC) bind through Coulomb interactions that decay as 1/r and reach several eV; polar pairs add ' +
    'dipoles (1/r³); apolar pairs (AA) hold together by dispersion, a few meV decaying as 1/r⁶. A ρ⊗ρ model ' +
    `describes only the atoms within r_c = ${LESSON_HYPERS.cutoff} Å of each centre, so once the closest atoms of ` +
    'the two monomers are more than 3 Å apart (plus the 1.8 Å tails of the Gaussians, 6σ) it sees two separate ' +
    'molecules and predicts the same energy at 6 Å as at infinity. ρ⊗V couples that local density to the potential of every atom, near or far. The shaded band ' +
    'is ±1σ of a calibrated committee of eight ρ⊗V models, each trained on 80 % of the training dimers: about two ' +
    'thirds of the test points should fall inside it.',
  source: '§4.1, Table 1, Fig. 5',
  params,
  steps: [
    {
      id: 'charged',
      title: 'Charged pairs',
      text: 'Two ions (CC). Move the displacement slider and compare the ρ⊗ρ and ρ⊗V curves with the reference.',
      question: 'Why does the ρ⊗ρ curve turn flat at large displacement while the reference keeps changing?',
      values: { cls: 'CC' },
    },
    {
      id: 'dispersion',
      title: 'Dispersion',
      text: 'Two apolar molecules (AA): energies of a few meV that fade within an ångström or two.',
      question: 'Why is the gap between ρ⊗ρ and ρ⊗V much smaller here than for ion pairs?',
      values: { cls: 'AA' },
    },
  ],
  datasets: ['d1-ssi'],
  // The first curve comes with ρ⊗V and its band alone; ρ⊗ρ follows while the class looks at it (session.ts).
  background: (values) => [{ ...values, complete: true }],
  createSession: () => import('./session.ts').then((m) => m.createSession),
});
