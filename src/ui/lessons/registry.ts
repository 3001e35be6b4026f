/**
 * Every lesson's view, by the id of its spec (src/experiments/registry.ts), each loaded only when its lesson opens
 * so that the lesson picker does not download three.js or the charts.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export const LESSON_VIEWS: Readonly<Record<string, LazyExoticComponent<ComponentType>>> = {
  'h2o-co2': lazy(() => import('./h2o-co2/View.tsx')),
  fields: lazy(() => import('./fields/View.tsx')),
  dimers: lazy(() => import('./dimers/View.tsx')),
  'li-water': lazy(() => import('./li-water/View.tsx')),
};
