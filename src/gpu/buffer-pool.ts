/** Named GPU buffers reused across calls; a buffer is replaced only when a call needs a larger one. */
export class BufferPool {
  private readonly buffers = new Map<string, GPUBuffer>();

  constructor(private readonly device: GPUDevice) {}

  get(name: string, bytes: number, usage: GPUBufferUsageFlags): GPUBuffer {
    const size = Math.max(16, Math.ceil(bytes / 16) * 16);
    const existing = this.buffers.get(name);
    if (existing && existing.size >= size && existing.usage === usage) return existing;
    existing?.destroy();
    // Grow geometrically so that slowly growing batches do not reallocate every call.
    const grown = existing ? Math.max(size, Math.min(2 * existing.size, this.maxSize)) : size;
    const buffer = this.device.createBuffer({ label: name, size: grown, usage });
    this.buffers.set(name, buffer);
    return buffer;
  }

  /** A buffer holding exactly `data` (uploaded now). */
  upload(
    name: string,
    data: ArrayBufferView & { byteLength: number },
    usage: GPUBufferUsageFlags,
  ): GPUBuffer {
    const buffer = this.get(name, data.byteLength, usage | GPUBufferUsage.COPY_DST);
    if (data.byteLength > 0) {
      this.device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength);
    }
    return buffer;
  }

  destroy(): void {
    for (const buffer of this.buffers.values()) buffer.destroy();
    this.buffers.clear();
  }

  private get maxSize(): number {
    return this.device.limits.maxBufferSize;
  }
}
