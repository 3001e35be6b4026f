import { describe, expect, it } from 'vitest';
import { DataUsageError, parseDataArgs, selectItems } from './cli.ts';

const items = ['a', 'b', 'c'].map((id) => ({ id }));

describe('parseDataArgs', () => {
  it('reads subset, ids, jobs and generator flags', () => {
    const options = parseDataArgs(['--subset', '2', '--jobs', '1', '--dft', 'def2-svp'], ['--dft']);
    expect(options).toMatchObject({ subset: 2, jobs: 1, workDir: 'data-work' });
    expect(options.extra.get('--dft')).toBe('def2-svp');
    expect(selectItems(items, options).map((x) => x.id)).toEqual(['a', 'b']);
    expect(selectItems(items, parseDataArgs(['--only', 'c,a'])).map((x) => x.id)).toEqual(['a', 'c']);
  });

  it('rejects what it does not know', () => {
    expect(() => parseDataArgs(['--subset', '0'])).toThrow(DataUsageError);
    expect(() => parseDataArgs(['--frobnicate', '1'])).toThrow(/unknown option/);
    expect(() => parseDataArgs(['--only'])).toThrow(/needs a value/);
    expect(() => selectItems(items, parseDataArgs(['--only', 'z']))).toThrow(/unknown ids: z/);
  });
});
