/**
 * The engine the app uses: WebGPU when it can, the exact CPU engine otherwise — never silently. The status says
 * which backend produced the last result and, for the CPU, why (no WebGPU, no adapter, device lost, hypers too
 * large for the device). Bad input is not a reason to fall back: those errors reach the caller unchanged.
 */
import { StructureInputError } from '../lode/errors.ts';
import { cpuEngine, type FeatureEngine, type FeatureRequest, type FeatureResult } from '../lode/features.ts';
import { HyperParameterError } from '../lode/hypers.ts';
import { GpuUnavailableError } from './device.ts';
import { GpuFeatureEngine } from './gpu-engine.ts';

export interface EngineStatus {
  readonly backend: 'webgpu' | 'cpu';
  /** The WebGPU adapter in use (or that was in use before a fallback). */
  readonly adapter: string | null;
  /** Why the CPU engine is (or was, for the last request) used instead of WebGPU. */
  readonly fallbackReason: string | null;
}

function isInputError(error: unknown): boolean {
  return (
    error instanceof HyperParameterError ||
    error instanceof StructureInputError ||
    error instanceof RangeError ||
    (error instanceof DOMException && error.name === 'AbortError')
  );
}

export class AutoEngine implements FeatureEngine {
  private current: EngineStatus;

  private constructor(
    private gpu: GpuFeatureEngine | null,
    reason: string | null,
  ) {
    this.current = { backend: gpu ? 'webgpu' : 'cpu', adapter: gpu?.adapter ?? null, fallbackReason: reason };
    void gpu?.lost.then((info) => {
      if (this.gpu !== gpu) return;
      this.gpu = null;
      this.current = {
        backend: 'cpu',
        adapter: gpu.adapter,
        fallbackReason: `the GPU device was lost (${info.message || info.reason})`,
      };
    });
  }

  /** `gpu` is navigator.gpu (or Node's); pass null to use the CPU engine on purpose. */
  static async create(gpu: GPU | null | undefined = globalThis.navigator?.gpu): Promise<AutoEngine> {
    if (gpu === null) return new AutoEngine(null, 'the CPU engine was requested');
    try {
      return new AutoEngine(await GpuFeatureEngine.create(gpu), null);
    } catch (error) {
      const reason =
        error instanceof GpuUnavailableError ? error.reason : `WebGPU failed to start: ${String(error)}`;
      return new AutoEngine(null, reason);
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
        this.current = { backend: 'webgpu', adapter: gpu.adapter, fallbackReason: null };
        return result;
      } catch (error) {
        if (isInputError(error)) throw error;
        const reason =
          error instanceof GpuUnavailableError ? error.reason : `the GPU engine failed: ${String(error)}`;
        // Limits of this request only (hypers too large): keep the GPU for the next one.
        if (!(error instanceof GpuUnavailableError)) this.gpu = null;
        this.current = { backend: 'cpu', adapter: gpu.adapter, fallbackReason: reason };
      }
    }
    return cpuEngine.compute(request);
  }

  destroy(): void {
    const gpu = this.gpu;
    this.gpu = null;
    gpu?.destroy();
  }
}
