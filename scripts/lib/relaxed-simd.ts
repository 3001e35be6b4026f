/**
 * Turns on WebAssembly relaxed SIMD where Node has it behind a flag (Node 20; on by default from Node 22, as in
 * Chromium), so that the learning library runs its fused multiply–add kernels (src/learn/wasm). Imported for its
 * effect by the learning benchmark and the unit-test setup, before the kernels' first use.
 */
import { setFlagsFromString } from 'node:v8';
import { variantSupported } from '../../src/learn/wasm/kernels.ts';

if (!variantSupported('fma')) setFlagsFromString('--experimental-wasm-relaxed-simd');
