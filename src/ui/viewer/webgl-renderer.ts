import { namesSoftwareRenderer } from '../../util/software-renderer.ts';

let software: boolean | undefined;

/**
 * Whether this page's WebGL runs on the CPU (SwiftShader in headless Chromium, llvmpipe on a GPU-less Linux
 * desktop), asked once of a throwaway context. There, multisampled antialiasing doubles the cost of every frame of a
 * large scene (a 325-atom slab with its images: about 0.7 s against 1.4 s per frame on a 2-core VM), so the viewer
 * goes without it.
 */
export function softwareWebGL(): boolean {
  if (software === undefined) {
    const gl = document.createElement('canvas').getContext('webgl2');
    const info = gl?.getExtension('WEBGL_debug_renderer_info');
    const renderer = gl && info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
    software = namesSoftwareRenderer(renderer);
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
  }
  return software;
}
