/**
 * One learner's dimer studies, cached per (class, hypers, seed, kinds) for the session: a revisited class is
 * instant, and a class being computed is shared by every request that asks for it (SharedTasks: a cancelled
 * request stops waiting; the computation stops once nobody waits for it).
 */
import type { D1Dataset } from '../../data/d1.ts';
import { FEATURE_KINDS, type FeatureEngine, type FeatureKind } from '../../lode/features.ts';
import { SharedTasks } from '../../util/shared-tasks.ts';
import { LESSON_HYPERS, type DimerHypers } from './binding-features.ts';
import { runClassStudy, type ClassStudy, type StudyProgress } from './class-study.ts';
import type { ClassName } from './split.ts';

export interface StudyRequest {
  readonly cls: ClassName;
  readonly hypers?: DimerHypers;
  readonly seed?: number;
  readonly kinds?: readonly FeatureKind[];
}

export class DimerStudies {
  private readonly tasks = new SharedTasks<ClassStudy>();

  constructor(
    private readonly dataset: D1Dataset,
    private readonly engine: FeatureEngine,
  ) {}

  private static key(request: StudyRequest): string {
    const { cls, hypers = LESSON_HYPERS, seed = 0, kinds = FEATURE_KINDS } = request;
    return JSON.stringify([
      cls,
      hypers.cutoff,
      hypers.sigma,
      hypers.nMax,
      hypers.lMax,
      seed,
      [...kinds].sort(),
    ]);
  }

  /** The finished study of a request, or undefined (without starting anything). */
  done(request: StudyRequest): ClassStudy | undefined {
    return this.tasks.done(DimerStudies.key(request));
  }

  study(
    request: StudyRequest,
    options: { signal?: AbortSignal; onProgress?: (progress: StudyProgress) => void } = {},
  ): Promise<ClassStudy> {
    const { cls, hypers = LESSON_HYPERS, seed = 0, kinds = FEATURE_KINDS } = request;
    const curves = this.dataset.curves.filter((c) => c.class === cls);
    return this.tasks.run(
      DimerStudies.key(request),
      (signal) =>
        runClassStudy(cls, curves, this.dataset.level, this.engine, {
          hypers,
          seed,
          kinds,
          signal,
          ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        }),
      options.signal,
    );
  }
}
