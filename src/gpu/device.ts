/** Getting a WebGPU device with the limits the engine needs, or a clear reason why not. */
import { namesSoftwareRenderer } from '../util/software-renderer.ts';

/** WebGPU cannot be used here; `reason` is shown to the user next to "CPU fallback". */
export class GpuUnavailableError extends Error {
  override name = 'GpuUnavailableError';
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** What an adapter says about itself (GPUAdapterInfo; isFallbackAdapter is missing in older browsers). */
export interface AdapterInfoLike {
  readonly vendor?: string;
  readonly architecture?: string;
  readonly device?: string;
  readonly description?: string;
  readonly isFallbackAdapter?: boolean;
}

/**
 * Whether the adapter runs on the CPU: the browser says so (isFallbackAdapter), or its info names a software
 * implementation (Chromium and Dawn do not always flag SwiftShader; Mesa's drivers are never flagged). Such an
 * adapter is 10–30× slower than the CPU engine.
 */
export function isSoftwareAdapter(info: AdapterInfoLike): boolean {
  if (info.isFallbackAdapter === true) return true;
  return [info.vendor, info.architecture, info.device, info.description].some(
    (s) => typeof s === 'string' && namesSoftwareRenderer(s),
  );
}

/** An adapter fit for the engine, before any device is created on it. */
export interface GpuAdapterChoice {
  readonly gpu: GPU;
  readonly adapter: GPUAdapter;
  /** Vendor, architecture and description of the adapter, for the engine status line. */
  readonly name: string;
  readonly isFallbackAdapter: boolean;
  /** isSoftwareAdapter of its info. */
  readonly isSoftware: boolean;
}

export interface GpuContext {
  /** Held so that the GPU instance lives as long as its device (Dawn in Node tears devices down with it). */
  readonly gpu: GPU;
  readonly device: GPUDevice;
  /** Vendor, architecture and description of the adapter, for the engine status line. */
  readonly adapter: string;
  readonly isFallbackAdapter: boolean;
  readonly isSoftware: boolean;
}

/** The engine's pair loop keeps a 64-atom chunk and all coefficients of one centre in workgroup memory. */
const MIN_WORKGROUP_STORAGE = 16 * 1024;

/** The adapter the engine would use, checked against its limits; no device is created. */
export async function selectAdapter(gpu: GPU | undefined): Promise<GpuAdapterChoice> {
  if (!gpu) throw new GpuUnavailableError('WebGPU is not available (navigator.gpu is missing)');
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new GpuUnavailableError('no WebGPU adapter was found');
  const { limits } = adapter;
  if (limits.maxComputeWorkgroupStorageSize < MIN_WORKGROUP_STORAGE) {
    throw new GpuUnavailableError(
      `the adapter offers ${limits.maxComputeWorkgroupStorageSize} B of workgroup memory; ${MIN_WORKGROUP_STORAGE} B are needed`,
    );
  }
  const info: AdapterInfoLike = adapter.info;
  const name = [info.vendor, info.architecture, info.description].filter((s) => s).join(' ');
  return {
    gpu,
    adapter,
    name: name || 'unknown adapter',
    isFallbackAdapter: info.isFallbackAdapter ?? false,
    isSoftware: isSoftwareAdapter(info),
  };
}

/** A device on the chosen adapter with the limits the engine needs. */
export async function createDevice(choice: GpuAdapterChoice): Promise<GpuContext> {
  const { limits } = choice.adapter;
  // Ask for the adapter's own maxima: larger batches then fit in fewer chunks.
  const device = await choice.adapter.requestDevice({
    requiredLimits: {
      maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
      maxBufferSize: limits.maxBufferSize,
      maxComputeWorkgroupStorageSize: limits.maxComputeWorkgroupStorageSize,
      maxStorageBuffersPerShaderStage: Math.min(limits.maxStorageBuffersPerShaderStage, 8),
    },
  });
  return {
    gpu: choice.gpu,
    device,
    adapter: choice.name,
    isFallbackAdapter: choice.isFallbackAdapter,
    isSoftware: choice.isSoftware,
  };
}

/** selectAdapter then createDevice: a device on whatever adapter there is, software or not. */
export async function requestGpu(gpu: GPU | undefined): Promise<GpuContext> {
  return createDevice(await selectAdapter(gpu));
}
