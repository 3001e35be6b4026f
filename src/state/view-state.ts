/**
 * What the page shows, as one value: which lesson (none: the lesson picker) and step, the engine the user asked
 * for, the controls a teacher hid, and the lesson's own parameter values (validated against its spec).
 */
import type { LessonSpec } from '../experiments/lesson.ts';
import { defaultValues, hasControl } from '../experiments/params.ts';

/** The engine a link may ask for: WebGPU on hardware only (auto), WebGPU on any adapter, or the CPU engine. */
export const ENGINE_CHOICES = ['auto', 'webgpu', 'cpu'] as const;
export type EngineChoice = (typeof ENGINE_CHOICES)[number];

export interface ViewState {
  /** The lesson's id, or null for the lesson picker. */
  readonly lesson: string | null;
  readonly step: string;
  readonly engine: EngineChoice;
  /** Presentation mode: large type, bright atoms, the link as a QR code. */
  readonly present: boolean;
  readonly hide: readonly string[];
  readonly params: Readonly<Record<string, unknown>>;
}

export const START_VIEW: ViewState = {
  lesson: null,
  step: '',
  engine: 'auto',
  present: false,
  hide: [],
  params: {},
};

/** A lesson at one of its steps (default: the first): the parameters' defaults, then the step's values. */
/** Page-wide settings that do not belong to a lesson and survive switching lessons and steps. */
export type PageSettings = Pick<ViewState, 'engine' | 'present'>;

export function lessonView(
  spec: LessonSpec,
  stepId?: string,
  page: PageSettings = { engine: 'auto', present: false },
): ViewState {
  const step = spec.steps.find((s) => s.id === stepId) ?? spec.steps[0];
  return {
    lesson: spec.id,
    step: step.id,
    ...page,
    hide: step.hide ?? [],
    params: { ...defaultValues(spec.params), ...step.values },
  };
}

/** Names of the parameters a teacher can hide (those with a control). */
export function hideable(spec: LessonSpec): string[] {
  return Object.entries(spec.params)
    .filter(([, d]) => hasControl(d))
    .map(([key]) => key);
}
