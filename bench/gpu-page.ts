/** The GPU benchmark inside a browser page: `npm run bench:gpu` calls window.runBench through Playwright. */
import {
  runGpuSuite,
  type SuiteData,
  type SuiteOptions,
  type SuiteResult,
} from '../scripts/bench/gpu-suite.ts';

type Settings = Omit<SuiteOptions, 'log' | 'heapBytes'>;

declare global {
  interface Window {
    runBench(data: SuiteData, settings: Settings): Promise<SuiteResult>;
  }
}

/** Chromium's non-standard performance.memory (precise with --enable-precise-memory-info). */
function heapBytes(): number | undefined {
  const memory = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
  return memory?.usedJSHeapSize;
}

window.runBench = async (data, settings) => {
  if (!navigator.gpu) throw new Error('this browser offers no WebGPU');
  return runGpuSuite(navigator.gpu, data, { ...settings, log: (line) => console.log(line), heapBytes });
};
