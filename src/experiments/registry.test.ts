import { describe, expect, it } from 'vitest';
import { DATASETS } from '../data/catalog.ts';
import { formatParam, hasControl, ownDefinition, parseParam } from './params.ts';
import { LESSONS, lessonById } from './registry.ts';

describe('lesson registry', () => {
  it('has unique ids, and finds each lesson by its own id only', () => {
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    for (const lesson of LESSONS) expect(lessonById(lesson.id)).toBe(lesson);
    for (const inherited of ['constructor', '__proto__', 'toString'])
      expect(lessonById(inherited)).toBeUndefined();
  });

  describe.each(LESSONS.map((l) => [l.id, l] as const))('%s', (_, lesson) => {
    it('says what it teaches: title, two-sentence summary, teaching text, where in the paper', () => {
      expect(lesson.title.length).toBeGreaterThan(5);
      expect(lesson.summary.split(/[.!?](\s|$)/).filter((s) => s.trim().length > 0)).toHaveLength(2);
      expect(lesson.teaching.length).toBeGreaterThan(40);
      expect(lesson.source).toMatch(/§\d/);
    });

    it('has parameter defaults that are valid values and survive a round trip through a link', () => {
      for (const [key, definition] of Object.entries(lesson.params)) {
        const parsed = parseParam(definition, formatParam(definition, definition.default));
        expect(parsed, key).toEqual({ ok: true, value: definition.default });
        expect(definition.label.length, key).toBeGreaterThan(0);
      }
    });

    it('has steps with unique ids whose values and hidden controls are its own, valid parameters', () => {
      expect(new Set(lesson.steps.map((s) => s.id)).size).toBe(lesson.steps.length);
      for (const step of lesson.steps) {
        expect(step.text.length).toBeGreaterThan(10);
        expect(step.question).toMatch(/\?$/);
        for (const [key, value] of Object.entries(step.values)) {
          const definition = ownDefinition(lesson.params, key);
          expect(definition, `${step.id}.${key}`).toBeDefined();
          expect(parseParam(definition!, formatParam(definition!, value))).toEqual({ ok: true, value });
        }
        for (const key of step.hide ?? []) {
          const definition = ownDefinition(lesson.params, key);
          expect(definition && hasControl(definition), `${step.id} hides ${key}`).toBe(true);
        }
      }
    });

    it('needs datasets the catalog has, and its session module loads', async () => {
      for (const id of lesson.datasets) expect(Object.hasOwn(DATASETS, id)).toBe(true);
      expect(typeof (await lesson.createSession())).toBe('function');
    });
  });
});
