/** The performance mark set whenever a lesson's series reaches the page (benchmarks read it; no imports here). */
export const SERIES_MARK = 'lesson-series';
