/**
 * The transfer list for typed arrays sent to another thread (postMessage, comlink's `transfer`): their ArrayBuffers
 * move there instead of being copied. Shared memory (SharedArrayBuffer, as in the engine pool's results) is left
 * out: it cannot be transferred (postMessage throws: a DataCloneError in browsers) and need not be, as it is sent
 * without a copy. A buffer behind several arrays is listed once (listing it twice throws too).
 */
export function transferList(...arrays: readonly ArrayBufferView[]): ArrayBuffer[] {
  const buffers = new Set(arrays.map((array) => array.buffer));
  return [...buffers].filter((buffer) => buffer instanceof ArrayBuffer);
}
