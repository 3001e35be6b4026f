import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  test: {
    include: ['src/**/*.test.ts', 'workers/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // The learning library's fused multiply–add kernels need relaxed SIMD, behind a flag in Node 20.
    setupFiles: ['scripts/lib/relaxed-simd.ts'],
  },
});
