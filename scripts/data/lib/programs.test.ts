import { describe, expect, it } from 'vitest';
import { nwchemInput, parseNwchemEnergy } from './nwchem.ts';
import { parseXtbEnergy, xtbArgs, xyzText } from './xtb.ts';

const water = {
  species: ['O', 'H', 'H'],
  positions: [0, 0, 0, 0.7572, 0.5859, 0, -0.7572, 0.5859, 0],
  charge: -1,
};

describe('program inputs and outputs', () => {
  it('xtb: charge, accuracy and smearing fallback on the command line; energy from the summary box', () => {
    expect(xtbArgs(-1, false)).toEqual([
      'point.xyz',
      '--gfn',
      '2',
      '--sp',
      '--chrg',
      '-1',
      '--uhf',
      '0',
      '--acc',
      '0.01',
    ]);
    expect(xtbArgs(0, true).slice(-2)).toEqual(['--etemp', '1000']);
    expect(xyzText(water).split('\n')[2]).toBe('O        0.00000000       0.00000000       0.00000000');
    expect(parseXtbEnergy('  | TOTAL ENERGY              -15.377653388004 Eh   |')).toBe(-15.377653388004);
    expect(parseXtbEnergy('abnormal termination')).toBeUndefined();
  });

  it('nwchem: PBE0-D3(BJ) deck with the library basis, energy from "Total DFT energy"', () => {
    const deck = nwchemInput(water, 'def2-svp');
    for (const line of ['charge -1', '* library def2-svp', 'xc pbe0', 'disp vdw 4', 'noautosym']) {
      expect(deck).toContain(line);
    }
    expect(parseNwchemEnergy('         Total DFT energy =     -264.520736668561')).toBe(-264.520736668561);
  });
});
