import { describe, expect, it } from 'vitest';
import { parsePsi4Bind, parsePsi4Database } from './psi4-db.ts';

const SSI_LIKE = `
GEOS['%s-%s-dimer' % (dbse, '001ARG-005ASP-1')] = qcdb.Molecule("""
1 1
C      -23.00700000   -14.39400000   -25.47600000
H      -23.65000000   -13.61700000   -25.89000000
--
-1 1
O      -23.62800000   -11.92000000   -23.54700000
units angstrom
""")
`;
const S66_LIKE = `
BIND['%s-%s'            % (dbse, '1-0.9'                 )] =   -4.570
GEOS['%s-%s-%s' % (dbse, '1-0.9', 'dimer')] = qcdb.Molecule("""
    units Angstrom
    0 1
    He  0.0 0.0 0.0
    --
    0 1
    He  0.0 0.0 3.0
""")
`;

describe('parsePsi4Database', () => {
  it('reads both fragments with charges of the SSI layout', () => {
    const [dimer] = parsePsi4Database(SSI_LIKE);
    expect(dimer!.id).toBe('001ARG-005ASP-1');
    expect(dimer!.a).toEqual({
      species: ['C', 'H'],
      positions: [-23.007, -14.394, -25.476, -23.65, -13.617, -25.89],
      charge: 1,
    });
    expect(dimer!.b.charge).toBe(-1);
  });

  it('reads the S66x8 layout and its reference values', () => {
    expect(parsePsi4Database(S66_LIKE)[0]!.b.positions).toEqual([0, 0, 3]);
    expect(parsePsi4Bind(S66_LIKE).get('1-0.9')).toBe(-4.57);
  });

  it('refuses what it cannot represent', () => {
    expect(() => parsePsi4Database(SSI_LIKE.replace('-1 1', '-1 2'))).toThrow(/open-shell/);
    expect(() => parsePsi4Database(SSI_LIKE.replace('units angstrom', 'units bohr'))).toThrow(/unsupported/);
    expect(() => parsePsi4Database(SSI_LIKE.replace('--\n', ''))).toThrow(/two fragments/);
  });
});
