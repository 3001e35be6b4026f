import { describe, expect, it } from 'vitest';
import { makeStructure } from '../chem/structure.ts';
import { StructureInputError } from './errors.ts';
import { computeFeatures } from './features.ts';

describe('StructureInputError', () => {
  it('escapes control characters of the species it quotes', () => {
    const structure = makeStructure(['H', '\u001b]0;x\u0007'], [0, 0, 0, 1, 0, 0]);
    const hypers = { cutoff: 3, sigma: 0.3, nMax: 1, lMax: 0, species: ['H'] };
    let message = '';
    try {
      computeFeatures({ structures: [structure], hypers, kinds: ['rho-V'] });
    } catch (error) {
      expect(error).toBeInstanceOf(StructureInputError);
      message = (error as Error).message;
    }
    expect(message).toBe('structure 0: atom 1 is \\x1b]0;x\\x07, which is not in the species list [H]');
  });
});
