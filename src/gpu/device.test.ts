import { describe, expect, it } from 'vitest';
import { isSoftwareAdapter } from './device.ts';

describe('software adapter detection', () => {
  it.each([
    ['SwiftShader (flagged)', { isFallbackAdapter: true, vendor: 'google', architecture: 'swiftshader' }],
    [
      'SwiftShader (Dawn, not flagged)',
      { vendor: 'google', architecture: 'swiftshader', description: 'SwiftShader driver 5.0.0' },
    ],
    [
      'llvmpipe',
      { vendor: 'mesa', description: 'llvmpipe (LLVM 15.0.6, 256 bits)', isFallbackAdapter: false },
    ],
    ['lavapipe', { vendor: 'mesa', architecture: '', description: 'lavapipe' }],
    ['WARP', { vendor: 'microsoft', description: 'Microsoft Basic Render Driver', isFallbackAdapter: false }],
    ['any adapter flagged as fallback', { isFallbackAdapter: true, vendor: 'unknown' }],
  ])('%s is software', (_, info) => {
    expect(isSoftwareAdapter(info)).toBe(true);
  });

  it.each([
    [
      'NVIDIA',
      {
        isFallbackAdapter: false,
        vendor: 'nvidia',
        architecture: 'ampere',
        device: '',
        description: 'NVIDIA GeForce RTX 3080',
      },
    ],
    ['Intel', { vendor: 'intel', architecture: 'gen-12lp', description: 'Intel(R) UHD Graphics 770' }],
    ['Apple', { vendor: 'apple', architecture: 'metal-3', isFallbackAdapter: false }],
    ['an adapter that says nothing', {}],
  ])('%s is hardware', (_, info) => {
    expect(isSoftwareAdapter(info)).toBe(false);
  });
});
