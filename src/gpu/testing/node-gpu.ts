/**
 * WebGPU in Node through Dawn (the `webgpu` package). Without a GPU, Debian's Chromium ships SwiftShader's Vulkan
 * driver, which Dawn then uses: set VK_ICD_FILENAMES to it unless the caller chose another driver.
 */
const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

let instance: GPU | undefined;

/** One GPU instance per process, kept alive here. */
export async function nodeGpu(): Promise<GPU> {
  if (instance) return instance;
  process.env.VK_ICD_FILENAMES ??= SWIFTSHADER_ICD;
  const { create, globals } = await import('webgpu');
  Object.assign(globalThis, globals);
  instance = create([]);
  return instance;
}
