/**
 * Every lesson, in the order the lesson picker lists them. Adding a lesson: its spec here, its view in
 * src/ui/lessons/registry.ts (the registry test checks that both sides agree).
 */
import { dimersLesson } from './dimers/spec.ts';
import { fieldsLesson } from './fields/spec.ts';
import { h2oCo2Lesson } from './h2o-co2/spec.ts';
import type { LessonSpec } from './lesson.ts';
import { liWaterLesson } from './li-water/spec.ts';

export const LESSONS: readonly LessonSpec[] = [h2oCo2Lesson, fieldsLesson, dimersLesson, liWaterLesson];

const byId = new Map(LESSONS.map((lesson) => [lesson.id, lesson]));

export function lessonById(id: string): LessonSpec | undefined {
  return byId.get(id);
}
