/**
 * The feature engine off the UI thread (comlink). WebGPU when available, the exact CPU engine otherwise (AutoEngine
 * says which, and why), on a pool of workers when the machine has the cores (cpu-engine-pool.ts). Requests on the same channel supersede each other: a new one aborts the one still running,
 * so a dragged slider never queues stale work. Results travel as transferred (or shared) typed arrays, never as JSON.
 */
import * as Comlink from 'comlink';
import { DatasetCache, httpReader } from '../src/data/catalog.ts';
import type { LessonSession, SessionProgress } from '../src/experiments/lesson.ts';
import { lessonById } from '../src/experiments/registry.ts';
import {
  AutoEngine,
  DEFAULT_ENGINE_POLICY,
  parseEnginePolicy,
  type EnginePolicy,
  type EngineStatus,
} from '../src/gpu/auto-engine.ts';
import type { FeatureResult } from '../src/lode/features.ts';
import { SupersedingChannels } from '../src/util/superseding.ts';
import { cpuEngineForCores } from './cpu-engine-pool.ts';
import { featureReply } from './feature-reply.ts';
import { fitThreads, type FitThreads } from './fit-team.ts';
import type { EngineRequest, FeaturizeOptions } from './protocol.ts';

let policy: EnginePolicy = DEFAULT_ENGINE_POLICY;
let engine: Promise<AutoEngine> | null = null;
const channels = new SupersedingChannels();
/** Kept across policy changes: its workers keep their radial tables. */
const cpu = cpuEngineForCores();
// The fits' helper threads start now, so that the first fit finds them ready.
void fitThreads();

function theEngine(): Promise<AutoEngine> {
  engine ??= AutoEngine.create(undefined, policy, cpu);
  return engine;
}

const datasets = new DatasetCache(httpReader(import.meta.env.BASE_URL));
/** One session per lesson, made on first use over the current engine. */
const sessions = new Map<string, Promise<LessonSession>>();

function sessionOf(id: string): Promise<LessonSession> {
  let session = sessions.get(id);
  if (!session) {
    const spec = lessonById(id);
    if (!spec) return Promise.reject(new RangeError(`'${id}' is not a lesson`));
    // The lesson's datasets download and parse while its code loads and the engine starts, not after.
    for (const dataset of spec.datasets) datasets.get(dataset).catch(() => undefined);
    session = (async () => {
      const create = await spec.createSession();
      return create({ engine: await theEngine(), dataset: (dataset) => datasets.get(dataset) });
    })();
    session.catch(() => sessions.delete(id));
    sessions.set(id, session);
  }
  return session;
}

/** Progress reports at most every 1 % of the work (each one is a message to the page). */
function throttled(report: (progress: SessionProgress) => void): (progress: SessionProgress) => void {
  let last: SessionProgress | null = null;
  return (progress) => {
    if (
      last &&
      last.stage === progress.stage &&
      progress.fraction - last.fraction < 0.01 &&
      progress.fraction < 1
    )
      return;
    last = progress;
    report(progress);
  };
}

const api = {
  /**
   * 'auto' (default), 'webgpu' or 'cpu'; throws a RangeError for anything else. A different policy drops the engine
   * (and the lesson sessions built on it): the next request starts one under the new policy. Requests still running
   * on the old engine may end with an AbortError or on the CPU; ask again after switching.
   */
  setEnginePolicy(value: EnginePolicy): void {
    const next = parseEnginePolicy(value);
    if (next === policy) return;
    policy = next;
    const old = engine;
    engine = null;
    sessions.clear();
    void old?.then((auto) => auto.destroy());
  },

  /** Answers at once (between slices of work): the page's watchdog asks this to know the worker is alive. */
  ping(): true {
    return true;
  },

  /** How many threads the fits use, and why only one when so. */
  fitThreads: (): Promise<FitThreads> => fitThreads(),

  async status(): Promise<EngineStatus> {
    return (await theEngine()).status;
  },

  /** Rejects with an AbortError when superseded. */
  async featurize(
    request: EngineRequest,
    options: FeaturizeOptions = {},
    onProgress?: (done: number, total: number) => void,
  ): Promise<{ result: FeatureResult; status: EngineStatus }> {
    const controller = channels.start(options.channel);
    try {
      const auto = await theEngine();
      const result = await auto.compute({ ...request, onProgress, signal: controller.signal });
      return featureReply({ result, status: auto.status });
    } finally {
      channels.finish(options.channel, controller);
    }
  },

  /**
   * A lesson's chart series for its session-scoped parameter values (see the lesson's spec). A newer request on the
   * same channel (default 'lesson') supersedes this one (AbortError); work both need is shared, never restarted.
   */
  async lesson(
    id: string,
    values: Readonly<Record<string, unknown>>,
    onProgress?: (progress: SessionProgress) => void,
    options: { readonly channel?: string } = {},
  ): Promise<{ series: unknown; status: EngineStatus }> {
    const channel = options.channel ?? 'lesson';
    const controller = channels.start(channel);
    try {
      const session = await sessionOf(id);
      const series = await session.series(values, {
        signal: controller.signal,
        ...(onProgress ? { onProgress: throttled(onProgress) } : {}),
      });
      return { series, status: (await theEngine()).status };
    } finally {
      channels.finish(channel, controller);
    }
  },

  /** Cancels whatever runs on a channel (background work the page no longer wants). */
  cancel(channel: string): void {
    channels.cancel(channel);
  },
};

export type EngineWorkerApi = typeof api;

Comlink.expose(api);
