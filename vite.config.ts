import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

/**
 * Cross-origin isolation, so that the fits' threads may share memory (SharedArrayBuffer): a static host serving
 * the build must send the same two headers (README), or the fits run on one thread.
 */
const crossOriginIsolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react()],
  server: { headers: crossOriginIsolation },
  preview: { headers: crossOriginIsolation },
  worker: { format: 'es' },
  test: {
    include: ['src/**/*.test.ts', 'workers/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // The learning library's fused multiply–add kernels need relaxed SIMD, behind a flag in Node 20.
    setupFiles: ['scripts/lib/relaxed-simd.ts'],
  },
});
