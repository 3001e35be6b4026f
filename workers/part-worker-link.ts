/**
 * Both ends of the link between the CPU engine pool (src/lode/engine-pool.ts) and its workers, over comlink: the
 * worker exposes a part engine, the pool wraps the worker as a PartWorker. Used with Web Workers in the browser and
 * with Node worker threads (through comlink's node adapter) by the CLI and the benchmarks.
 */
import * as Comlink from 'comlink';
import type { PartWorker } from '../src/lode/engine-pool.ts';
import type { FeatureProgress } from '../src/lode/feature-spec.ts';
import type { LodeHypers } from '../src/lode/hypers.ts';
import { createPartEngine, type PartEngine } from '../src/lode/part-engine.ts';
import type { KnotRange } from '../src/lode/pool-tables.ts';
import type { RadialTables, RadialTableSlice } from '../src/lode/radial-tables.ts';
import type { PartMemory, PartOutput, PartRequest } from '../src/lode/request-parts.ts';
import { LossGuard } from '../src/util/loss-guard.ts';
import { transferList } from '../src/util/transfer-list.ts';

type ProgressProxy = Comlink.Remote<((progress: FeatureProgress) => void) & Comlink.ProxyMarked>;

function partEngineApi(engine: PartEngine) {
  return {
    async compute(
      request: PartRequest,
      onProgress: ProgressProxy,
      memory: PartMemory,
      tables?: RadialTables,
    ): Promise<PartOutput> {
      try {
        const output = await engine.compute(request, (progress) => void onProgress(progress), memory, tables);
        // Rows written into the pool's shared result are already there: only the timings go back.
        if ('into' in memory) {
          const { into } = memory;
          if (output.invariants !== into.invariants || output.vectors !== into.vectors)
            throw new Error('the part engine did not write its rows into their place in the result');
          return { timings: output.timings };
        }
        return Comlink.transfer(output, transferList(output.invariants, output.vectors));
      } finally {
        onProgress[Comlink.releaseProxy]();
      }
    },
    buildTables(hypers: LodeHypers, range: KnotRange, onProgress: ProgressProxy): RadialTableSlice {
      try {
        const slice = engine.buildTables(hypers, range, (progress) => void onProgress(progress));
        return Comlink.transfer(slice, transferList(...slice.knots));
      } finally {
        onProgress[Comlink.releaseProxy]();
      }
    },
    cancel(): void {
      engine.cancel();
    },
  };
}

type PartEngineApi = ReturnType<typeof partEngineApi>;

/** In the worker: serves part requests on `endpoint` (the worker's own global scope by default). */
export function exposePartEngine(endpoint?: Comlink.Endpoint, engine = createPartEngine()): void {
  Comlink.expose(partEngineApi(engine), endpoint);
}

/**
 * In the pool: the worker behind `endpoint` as a PartWorker. `stopped` resolves with the reason when the worker
 * stops on its own (it crashed or exited); a part under way then rejects, as it does when `terminate` is called.
 */
export function linkPartWorker(
  endpoint: Comlink.Endpoint,
  stopped: Promise<string>,
  terminate: () => void,
): PartWorker {
  const remote = Comlink.wrap<PartEngineApi>(endpoint);
  const calls = new LossGuard();
  const stop = (reason: string) => calls.fail(new Error(`the worker stopped (${reason})`));
  void stopped.then(stop);
  return {
    compute: (request, onProgress, memory, tables) =>
      calls.guard(
        remote.compute(
          request,
          Comlink.proxy(onProgress),
          Comlink.transfer(memory, 'spares' in memory ? memory.spares : []),
          tables,
        ),
      ),
    buildTables: (hypers, range, onProgress) =>
      calls.guard(remote.buildTables(hypers, range, Comlink.proxy(onProgress))),
    cancel: () => void remote.cancel(),
    terminate() {
      stop('terminated');
      terminate();
    },
  };
}
