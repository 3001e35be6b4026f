import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { searchDimers } from './dimer-search.ts';
import type { ClassName } from './split.ts';

const dimers = (
  JSON.parse(readFileSync(new URL('../../../public/data/d1-ssi.json', import.meta.url), 'utf8')) as {
    dimers: { id: string; class: ClassName }[];
  }
).dimers;

describe('searchDimers', () => {
  const curves = [
    { id: '153ASP-200ARG-1', class: 'CC' },
    { id: '027ARG-094ASP-1', class: 'CC' },
    { id: '011ALA-027ARG-2', class: 'CA' },
    { id: '027ARG-094ASP-10', class: 'CC' },
  ] as const;

  it('puts the exact id first, then ids starting with the query, then the rest, with class and index', () => {
    expect(searchDimers(curves, '027arg-094asp-1')).toEqual([
      { id: '027ARG-094ASP-1', cls: 'CC', index: 1 },
      { id: '027ARG-094ASP-10', cls: 'CC', index: 2 },
    ]);
    expect(searchDimers(curves, ' 027 ARG').map((m) => m.id)).toEqual([
      '027ARG-094ASP-1',
      '027ARG-094ASP-10',
      '011ALA-027ARG-2',
    ]);
    expect(searchDimers(curves, '027ARG')[2]).toEqual({ id: '011ALA-027ARG-2', cls: 'CA', index: 0 });
  });

  it('finds nothing for an empty query or an unknown name, and stops at the limit', () => {
    expect(searchDimers(curves, '  ')).toEqual([]);
    expect(searchDimers(curves, 'TRP')).toEqual([]);
    expect(searchDimers(curves, 'ARG', 2)).toHaveLength(2);
  });

  it('finds every dataset dimer by its own id, at its index among its class', () => {
    for (const [i, dimer] of dimers.entries()) {
      if (i % 97 !== 0) continue;
      const [first] = searchDimers(dimers, dimer.id);
      const index = dimers.slice(0, i).filter((d) => d.class === dimer.class).length;
      expect(first).toEqual({ id: dimer.id, cls: dimer.class, index });
    }
  });
});
