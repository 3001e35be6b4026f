/** Log axes for recharts: decade ticks over the values' range, shared by the lessons' charts. */
import { yAxisStyle } from './axis-style.ts';

export interface LogAxis {
  readonly domain: [number, number];
  readonly ticks: number[];
}

const tick = (x: number) => (Number.isFinite(x) ? x.toExponential(0).replace('e+', 'e') : '–');

/**
 * A log axis from the decade below the smallest positive value to the decade above the largest, with at most 7
 * ticks on powers of ten (recharts would otherwise draw nine per decade, hundreds over a wide range). Values that are
 * not positive have no place on a log axis and are left out.
 */
export function logAxis(values: readonly number[]): LogAxis {
  const positive = values.filter((x) => Number.isFinite(x) && x > 0);
  if (positive.length === 0) return { domain: [1e-3, 1], ticks: [1e-3, 1] };
  const lo = Math.floor(Math.log10(Math.min(...positive)));
  const hi = Math.max(lo + 1, Math.ceil(Math.log10(Math.max(...positive))));
  const every = Math.ceil((hi - lo + 1) / 7);
  const ticks = Array.from({ length: Math.floor((hi - lo) / every) + 1 }, (_, i) => 10 ** (lo + i * every));
  return { domain: [10 ** lo, 10 ** hi], ticks };
}

/** A log y axis over `axis` (decade ticks), its ticks written as powers of ten unless `format` says otherwise. */
export function logYAxis(axis: LogAxis, title: string, format: (x: number) => string = tick) {
  return {
    scale: 'log' as const,
    domain: axis.domain,
    ticks: axis.ticks,
    allowDataOverflow: true,
    tickFormatter: format,
    ...yAxisStyle(title),
  };
}
