/**
 * Names of CPU implementations of the GPU APIs, as adapters and WebGL renderers report them: SwiftShader, Mesa's
 * llvmpipe/lavapipe/softpipe, Microsoft WARP (Basic Render Driver).
 */
const SOFTWARE_NAMES = /swiftshader|llvmpipe|lavapipe|softpipe|microsoft basic render|\bwarp\b/i;

/** Whether a vendor, device or renderer string names a software implementation. */
export const namesSoftwareRenderer = (name: string): boolean => SOFTWARE_NAMES.test(name);
