/**
 * The engine the app uses: WebGPU when it can, the exact CPU engine otherwise — never silently. The status says
 * which backend produced the last result and, for the CPU, why (no WebGPU, no adapter, only a software adapter,
 * device lost, hypers too large for the device). Bad input is not a reason to fall back: those errors reach the
 * caller unchanged.
 *
 * The policy chooses: 'auto' takes WebGPU on a hardware adapter only (a software one such as SwiftShader is
 * 10–30× slower than the CPU engine), 'webgpu' takes any adapter, 'cpu' never touches WebGPU.
 */
import { StructureInputError } from '../lode/errors.ts';
import { cpuEngine, type FeatureEngine, type FeatureRequest, type FeatureResult } from '../lode/features.ts';
import { HyperParameterError } from '../lode/hypers.ts';
import { GpuUnavailableError, selectAdapter, type GpuAdapterChoice } from './device.ts';
import { GpuFeatureEngine } from './gpu-engine.ts';

/** Which engine to use; see the module comment. */
export const ENGINE_POLICIES = ['auto', 'webgpu', 'cpu'] as const;
export type EnginePolicy = (typeof ENGINE_POLICIES)[number];
export const DEFAULT_ENGINE_POLICY: EnginePolicy = 'auto';

/** fallbackReason under 'auto' when the only adapter is a software one. */
export const SOFTWARE_ADAPTER_REASON = 'software GPU adapter only';
/** fallbackReason under 'cpu' (or with no GPU object on purpose). */
export const CPU_REQUESTED_REASON = 'the CPU engine was requested';

export function isEnginePolicy(value: unknown): value is EnginePolicy {
  return (ENGINE_POLICIES as readonly unknown[]).includes(value);
}

/** The policy, or a RangeError naming the accepted values. */
export function parseEnginePolicy(value: unknown): EnginePolicy {
  if (isEnginePolicy(value)) return value;
  throw new RangeError(
    `unknown engine policy ${typeof value === 'string' ? JSON.stringify(value) : String(value)}: expected one of ${ENGINE_POLICIES.join(', ')}`,
  );
}

export interface EngineStatus {
  readonly backend: 'webgpu' | 'cpu';
  /** The WebGPU adapter in use (or that was in use before a fallback, or that 'auto' declined as software). */
  readonly adapter: string | null;
  /** Why the CPU engine is (or was, for the last request) used instead of WebGPU. */
  readonly fallbackReason: string | null;
  /** True when the CPU engine is the policy's choice (asked for, or only a software adapter), not a failure. */
  readonly chosen: boolean;
}

function isInputError(error: unknown): boolean {
  return (
    error instanceof HyperParameterError ||
    error instanceof StructureInputError ||
    error instanceof RangeError ||
    (error instanceof DOMException && error.name === 'AbortError')
  );
}

function startFailure(error: unknown): string {
  return error instanceof GpuUnavailableError ? error.reason : `WebGPU failed to start: ${String(error)}`;
}

export class AutoEngine implements FeatureEngine {
  private current: EngineStatus;

  private constructor(
    private gpu: GpuFeatureEngine | null,
    private readonly cpu: FeatureEngine,
    adapter: string | null,
    reason: string | null,
    chosen = false,
  ) {
    this.current = {
      backend: gpu ? 'webgpu' : 'cpu',
      adapter: gpu?.adapter ?? adapter,
      fallbackReason: reason,
      chosen,
    };
    void gpu?.lost.then((info) => {
      if (this.gpu !== gpu) return;
      this.gpu = null;
      this.current = {
        backend: 'cpu',
        adapter: gpu.adapter,
        fallbackReason: `the GPU device was lost (${info.message || info.reason})`,
        chosen: false,
      };
    });
  }

  /**
   * `gpu` is navigator.gpu (or Node's); null means the CPU engine on purpose, like policy 'cpu'. Under 'auto' a
   * software adapter is declined before any device is created on it. Throws RangeError for an unknown policy.
   * `cpu` is the CPU engine to use (the engine in this thread, or a pool of workers running it).
   */
  static async create(
    gpu: GPU | null | undefined = globalThis.navigator?.gpu,
    policy: EnginePolicy = DEFAULT_ENGINE_POLICY,
    cpu: FeatureEngine = cpuEngine,
  ): Promise<AutoEngine> {
    parseEnginePolicy(policy);
    if (gpu === null || policy === 'cpu') return new AutoEngine(null, cpu, null, CPU_REQUESTED_REASON, true);
    let choice: GpuAdapterChoice;
    try {
      choice = await selectAdapter(gpu);
    } catch (error) {
      return new AutoEngine(null, cpu, null, startFailure(error));
    }
    if (policy === 'auto' && choice.isSoftware)
      return new AutoEngine(null, cpu, choice.name, SOFTWARE_ADAPTER_REASON, true);
    try {
      return new AutoEngine(await GpuFeatureEngine.onAdapter(choice), cpu, null, null);
    } catch (error) {
      return new AutoEngine(null, cpu, choice.name, startFailure(error));
    }
  }

  get backend(): 'webgpu' | 'cpu' {
    return this.current.backend;
  }

  get status(): EngineStatus {
    return this.current;
  }

  async compute(request: FeatureRequest): Promise<FeatureResult> {
    const gpu = this.gpu;
    if (gpu) {
      try {
        const result = await gpu.compute(request);
        this.current = { backend: 'webgpu', adapter: gpu.adapter, fallbackReason: null, chosen: false };
        return result;
      } catch (error) {
        if (isInputError(error)) throw error;
        const reason =
          error instanceof GpuUnavailableError ? error.reason : `the GPU engine failed: ${String(error)}`;
        // Limits of this request only (hypers too large): keep the GPU for the next one.
        if (!(error instanceof GpuUnavailableError)) this.gpu = null;
        this.current = { backend: 'cpu', adapter: gpu.adapter, fallbackReason: reason, chosen: false };
      }
    }
    return this.cpu.compute(request);
  }

  destroy(): void {
    const gpu = this.gpu;
    this.gpu = null;
    gpu?.destroy();
  }
}
