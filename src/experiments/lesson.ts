/**
 * The shape of a lesson. A lesson is a pure spec (this file's LessonSpec, in src/experiments/<lesson>/spec.ts) and a
 * view (src/ui/lessons/<lesson>/), joined by id in one registry each side. The spec says what the lesson teaches,
 * which parameters it has (they drive the URL, validation and the generic controls), its steps, the datasets it
 * needs, and how to start its worker-side session, loaded lazily so the page never bundles the learning code.
 */
import type { DatasetId, DatasetOf } from '../data/catalog.ts';
import type { FeatureEngine } from '../lode/features.ts';
import type { ParamDefinitions, ParamValues } from './params.ts';

export interface LessonStep {
  readonly id: string;
  readonly title: string;
  /** What to do and look for in this step (shown with the step). */
  readonly text: string;
  /** One question for the class to answer from what the step shows. */
  readonly question: string;
  /** Values that differ from the parameters' defaults. */
  readonly values: Readonly<Record<string, unknown>>;
  /** Controls the step hides, so a class sees only what matters. */
  readonly hide?: readonly string[];
}

/** A step checked against its lesson's parameters: only their names, with values of their types. */
export interface TypedStep<P extends ParamDefinitions> extends LessonStep {
  readonly values: Partial<ParamValues<P>>;
  readonly hide?: readonly (keyof P & string)[];
}

/** What a session is given: the engine of its thread and the catalog's datasets, each fetched once per thread. */
export interface LessonRuntime {
  readonly engine: FeatureEngine;
  dataset<I extends DatasetId>(id: I): Promise<DatasetOf<I>>;
}

export interface SessionProgress {
  /** What is being done, in a few words ("features of 1188 dimers"). */
  readonly stage: string;
  /** Fraction done in [0, 1]. */
  readonly fraction: number;
}

export interface SeriesOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: SessionProgress) => void;
}

/** One learner's lesson in the worker: caches what is expensive and answers with chart series. */
export interface LessonSession {
  /** `values` holds the lesson's session-scoped parameters, already validated against the spec. */
  series(values: Readonly<Record<string, unknown>>, options?: SeriesOptions): Promise<unknown>;
}

export interface LessonSpec {
  readonly id: string;
  readonly title: string;
  /** Two sentences for the lesson picker: what the class learns here. */
  readonly summary: string;
  /** One paragraph of teaching text shown above the lesson. */
  readonly teaching: string;
  /** The section and figures of the paper (glossary.ts PAPER) the lesson reproduces. */
  readonly source: string;
  readonly params: ParamDefinitions;
  /** The first step is where the lesson opens. */
  readonly steps: readonly [LessonStep, ...LessonStep[]];
  readonly datasets: readonly DatasetId[];
  /**
   * Session values worth computing after the current ones, in order, while the user looks at the first charts
   * (e.g. the other centrings for an overlay). Computed one at a time in the background, cancelled by any change.
   */
  readonly background?: (values: Readonly<Record<string, unknown>>) => Readonly<Record<string, unknown>>[];
  readonly createSession: () => Promise<(runtime: LessonRuntime) => Promise<LessonSession>>;
}

/** Checks a spec's steps against its own parameters and keeps the parameters' types. */
export const defineLesson = <P extends ParamDefinitions>(
  spec: LessonSpec & { readonly params: P; readonly steps: readonly [TypedStep<P>, ...TypedStep<P>[]] },
): LessonSpec & { readonly params: P } => spec;
