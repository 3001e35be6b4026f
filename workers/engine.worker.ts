/**
 * The feature engine off the UI thread (comlink). WebGPU when available, the exact CPU engine otherwise (AutoEngine
 * says which, and why). Requests on the same channel supersede each other: a new one aborts the one still running,
 * so a dragged slider never queues stale work. Results travel as transferred typed arrays, never as JSON.
 */
import * as Comlink from 'comlink';
import { loadD2 } from '../src/data/d2.ts';
import { LessonSession, type LessonRequest, type LessonSeries } from '../src/experiments/lesson-session.ts';
import { AutoEngine, type EngineStatus } from '../src/gpu/auto-engine.ts';
import type { FeatureResult } from '../src/lode/features.ts';
import { SupersedingChannels } from '../src/util/superseding.ts';
import type { EngineRequest, FeaturizeOptions } from './protocol.ts';

let engine: Promise<AutoEngine> | null = null;
const channels = new SupersedingChannels();

function theEngine(): Promise<AutoEngine> {
  engine ??= AutoEngine.create();
  return engine;
}

let lessonSession: Promise<LessonSession> | null = null;

/** The H2O–CO2 lesson over dataset D2 (fetched once, validated by its loader). */
function theLesson(): Promise<LessonSession> {
  lessonSession ??= (async () => {
    const response = await fetch(`${import.meta.env.BASE_URL}data/d2-h2o-co2.json`);
    if (!response.ok) throw new Error(`HTTP ${response.status} for the H2O–CO2 dataset`);
    return new LessonSession(loadD2(await response.json()), await theEngine());
  })();
  lessonSession.catch(() => (lessonSession = null));
  return lessonSession;
}

const api = {
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
      return Comlink.transfer({ result, status: auto.status }, [
        result.invariants.buffer,
        result.vectors.buffer,
      ]);
    } finally {
      channels.finish(options.channel, controller);
    }
  },

  /** The lesson's chart series; a newer lesson request supersedes this one (AbortError). */
  async lesson(request: LessonRequest): Promise<{ series: LessonSeries; status: EngineStatus }> {
    const controller = channels.start('lesson');
    try {
      const series = await (await theLesson()).series(request, controller.signal);
      return { series, status: (await theEngine()).status };
    } finally {
      channels.finish('lesson', controller);
    }
  },
};

export type EngineWorkerApi = typeof api;

Comlink.expose(api);
