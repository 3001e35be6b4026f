/** Getting a WebGPU device with the limits the engine needs, or a clear reason why not. */

/** WebGPU cannot be used here; `reason` is shown to the user next to "CPU fallback". */
export class GpuUnavailableError extends Error {
  override name = 'GpuUnavailableError';
  constructor(readonly reason: string) {
    super(reason);
  }
}

export interface GpuContext {
  /** Held so that the GPU instance lives as long as its device (Dawn in Node tears devices down with it). */
  readonly gpu: GPU;
  readonly device: GPUDevice;
  /** Vendor, architecture and description of the adapter, for the engine status line. */
  readonly adapter: string;
  readonly isFallbackAdapter: boolean;
}

/** The engine's pair loop keeps a 64-atom chunk and all coefficients of one centre in workgroup memory. */
const MIN_WORKGROUP_STORAGE = 16 * 1024;

export async function requestGpu(gpu: GPU | undefined): Promise<GpuContext> {
  if (!gpu) throw new GpuUnavailableError('WebGPU is not available (navigator.gpu is missing)');
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new GpuUnavailableError('no WebGPU adapter was found');
  const { limits } = adapter;
  if (limits.maxComputeWorkgroupStorageSize < MIN_WORKGROUP_STORAGE) {
    throw new GpuUnavailableError(
      `the adapter offers ${limits.maxComputeWorkgroupStorageSize} B of workgroup memory; ${MIN_WORKGROUP_STORAGE} B are needed`,
    );
  }
  // Ask for the adapter's own maxima: larger batches then fit in fewer chunks.
  const device = await adapter.requestDevice({
    requiredLimits: {
      maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
      maxBufferSize: limits.maxBufferSize,
      maxComputeWorkgroupStorageSize: limits.maxComputeWorkgroupStorageSize,
      maxStorageBuffersPerShaderStage: Math.min(limits.maxStorageBuffersPerShaderStage, 8),
    },
  });
  const info = adapter.info;
  const name = [info.vendor, info.architecture, info.description].filter((s) => s).join(' ');
  return {
    gpu,
    device,
    adapter: name || 'unknown adapter',
    isFallbackAdapter: info.isFallbackAdapter ?? false,
  };
}
