/**
 * One learner's dimer studies, cached per (class, hypers, seed, feature kind) for the session: a revisited class is
 * instant, a full Table 1 row (three kinds) reuses the lesson's ρ⊗ρ and ρ⊗V fits and computes only V⊗V, and a kind
 * being computed is shared by every request that asks for it (SharedTasks: a cancelled request stops waiting; the
 * computation stops once nobody waits for it). The kinds' fits are independent (same split, same seeds), so a study
 * of several kinds is the union of one-kind studies. An `early` request is answered as soon as its kinds' models,
 * committees and predictions are done, while their learning curves go on being computed.
 */
import type { D1Dataset } from '../../data/d1.ts';
import { FEATURE_KINDS, type FeatureEngine, type FeatureKind } from '../../lode/features.ts';
import { SharedTasks } from '../../util/shared-tasks.ts';
import { LESSON_HYPERS, type DimerHypers } from './binding-features.ts';
import { FITTED_SHARE, runClassStudy, type ClassStudy, type StudyProgress } from './class-study.ts';
import type { ClassName } from './split.ts';

export interface StudyRequest {
  readonly cls: ClassName;
  readonly hypers?: DimerHypers;
  readonly seed?: number;
  readonly kinds?: readonly FeatureKind[];
}

export class DimerStudies {
  private readonly tasks = new SharedTasks<ClassStudy>();
  /**
   * Who waits for each running kind, and its last progress: a request that joins a running computation (the view's
   * after the page's prefetch) is told its progress from then on, starting with where it stands.
   */
  private readonly watchers = new Map<
    string,
    { readonly listeners: Set<(p: StudyProgress) => void>; last?: StudyProgress }
  >();
  /** Each kind's study once its fits and predictions are done, before its learning curves (by the kind's key). */
  private readonly fitted = new Map<string, { readonly study: Promise<ClassStudy>; done?: ClassStudy }>();
  /** Unions already made, so that asking twice gives the same object. */
  private readonly unions = new Map<string, ClassStudy>();

  constructor(
    private readonly dataset: D1Dataset,
    private readonly engine: FeatureEngine,
  ) {}

  private static key(request: StudyRequest, kind: FeatureKind): string {
    const { cls, hypers = LESSON_HYPERS, seed = 0 } = request;
    return JSON.stringify([cls, hypers.cutoff, hypers.sigma, hypers.nMax, hypers.lMax, seed, kind]);
  }

  private static kinds(request: StudyRequest): FeatureKind[] {
    return FEATURE_KINDS.filter((kind) => (request.kinds ?? FEATURE_KINDS).includes(kind));
  }

  /** The finished study of a request (`early`: or fitted, learning curves pending), or undefined (starting nothing). */
  done(request: StudyRequest, early = false): ClassStudy | undefined {
    const parts = DimerStudies.kinds(request).map((kind) => {
      const key = DimerStudies.key(request, kind);
      return this.tasks.done(key) ?? (early ? this.fitted.get(key)?.done : undefined);
    });
    return parts.every((part) => part !== undefined) ? this.union(request, parts) : undefined;
  }

  /** The study of a request: its kinds one after the other, those already done at once. */
  async study(
    request: StudyRequest,
    options: { signal?: AbortSignal; onProgress?: (progress: StudyProgress) => void; early?: boolean } = {},
  ): Promise<ClassStudy> {
    const { cls, hypers = LESSON_HYPERS, seed = 0 } = request;
    const curves = this.dataset.curves.filter((c) => c.class === cls);
    const kinds = DimerStudies.kinds(request);
    const parts: ClassStudy[] = [];
    for (const [k, kind] of kinds.entries()) {
      const key = DimerStudies.key(request, kind);
      // An early request's bar is full once the fits are done.
      const share = options.early ? (f: number) => Math.min(1, f / FITTED_SHARE) : (f: number) => f;
      const stopWatching = this.watch(key, (p) =>
        options.onProgress?.({ ...p, fraction: (k + share(p.fraction)) / kinds.length }),
      );
      try {
        const whole = this.tasks.run(
          key,
          (signal) => {
            let tell!: (study: ClassStudy) => void;
            const fitted: { study: Promise<ClassStudy>; done?: ClassStudy } = {
              study: new Promise<ClassStudy>((resolve) => (tell = resolve)),
            };
            this.fitted.set(key, fitted);
            return runClassStudy(cls, curves, this.dataset.level, this.engine, {
              hypers,
              seed,
              kinds: [kind],
              signal,
              onProgress: (p) => this.tell(key, p),
              onFitted: (study) => tell((fitted.done = study)),
            });
          },
          options.signal,
        );
        const fitted = options.early ? this.fitted.get(key)?.study : undefined;
        // The whole study first: one already done wins the race.
        parts.push(await (fitted ? Promise.race([whole, fitted]) : whole));
      } finally {
        stopWatching();
      }
    }
    return this.union(request, parts);
  }

  private watch(key: string, listener: (p: StudyProgress) => void): () => void {
    let watched = this.watchers.get(key);
    if (!watched) this.watchers.set(key, (watched = { listeners: new Set() }));
    if (watched.last) listener(watched.last);
    watched.listeners.add(listener);
    return () => {
      watched.listeners.delete(listener);
      if (watched.listeners.size === 0 && this.watchers.get(key) === watched) this.watchers.delete(key);
    };
  }

  private tell(key: string, progress: StudyProgress): void {
    const watched = this.watchers.get(key);
    if (!watched) return;
    watched.last = progress;
    for (const listener of [...watched.listeners]) listener(progress);
  }

  private union(request: StudyRequest, parts: readonly ClassStudy[]): ClassStudy {
    const key = JSON.stringify(DimerStudies.kinds(request).map((kind) => DimerStudies.key(request, kind)));
    const fits: ClassStudy['fits'] = Object.assign({}, ...parts.map((part) => part.fits));
    const made = this.unions.get(key);
    if (made && FEATURE_KINDS.every((kind) => made.fits[kind] === fits[kind])) return made;
    const union: ClassStudy = { ...parts[0]!, fits };
    this.unions.set(key, union);
    return union;
  }
}
