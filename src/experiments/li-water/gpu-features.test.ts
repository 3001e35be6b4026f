/**
 * The water-on-lithium features on the WebGPU engine (f32) against the f64 CPU engine: the same kept columns and
 * the same numbers to f32 precision, so that the lesson's models see the same inputs on either engine.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadD3 } from '../../data/d3.ts';
import { GpuFeatureEngine } from '../../gpu/gpu-engine.ts';
import { nodeGpu } from '../../gpu/testing/node-gpu.ts';
import { cpuEngine } from '../../lode/features.ts';
import { LESSON_KINDS, liWaterFeatures, PAPER_HYPERS } from './features.ts';

const dataset = loadD3(
  JSON.parse(readFileSync(new URL('../../../public/data/d3-li-water.json', import.meta.url), 'utf8')),
);

let engine: GpuFeatureEngine;
beforeAll(async () => {
  engine = await GpuFeatureEngine.create(await nodeGpu());
});
afterAll(() => engine.destroy());

const largest = (values: Float64Array) => values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

describe('water-on-lithium features on WebGPU', () => {
  it('keep the CPU engine’s columns (the water’s own channels cancel up to f32 rounding) and its numbers', async () => {
    const small = { ...dataset, curves: dataset.curves.slice(0, 2) };
    const cpu = await liWaterFeatures(cpuEngine, small, PAPER_HYPERS);
    const gpu = await liWaterFeatures(engine, small, PAPER_HYPERS);
    for (const kind of LESSON_KINDS) {
      const [a, b] = [cpu.kinds[kind], gpu.kinds[kind]];
      expect(b.labels, kind).toEqual(a.labels);
      const scale = largest(a.invariants);
      expect(largest(a.invariants.map((v, i) => v - b.invariants[i]!)), kind).toBeLessThan(1e-4 * scale);
      // λ = 1: every CPU column is kept (a few f32 noise columns may join them), with the same numbers.
      const name = (label: object) => JSON.stringify(label);
      const at = new Map(b.vectorLabels.map((label, j) => [name(label), j]));
      const columns = a.vectorLabels.map((label) => at.get(name(label)));
      expect(columns, kind).not.toContain(undefined);
      const [p, q] = [a.vectorLabels.length, b.vectorLabels.length];
      let error = 0;
      for (let i = 0; i < a.vectors.length; i++) {
        const [row, c, k] = [Math.floor(i / (3 * p)), Math.floor(i / 3) % p, i % 3];
        error = Math.max(error, Math.abs(a.vectors[i]! - b.vectors[(row * q + columns[c]!) * 3 + k]!));
      }
      expect(error, kind).toBeLessThan(1e-4 * largest(a.vectors));
    }
  }, 120_000);
});
