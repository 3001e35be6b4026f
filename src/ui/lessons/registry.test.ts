import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../experiments/registry.ts';
import { LESSON_VIEWS } from './registry.ts';

describe('lesson views', () => {
  it('every lesson spec has a view, and every view a spec', () => {
    expect(Object.keys(LESSON_VIEWS).sort()).toEqual(LESSONS.map((l) => l.id).sort());
  });
});
