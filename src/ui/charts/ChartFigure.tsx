import type { MouseEvent, ReactNode } from 'react';
import { downloadCsv, downloadPng, downloadSvg } from './export.ts';

/** A chart with its caption and export buttons (CSV of the plotted rows, SVG and PNG of the drawing). */
export function ChartFigure({
  name,
  caption,
  rows,
  children,
}: {
  name: string;
  caption: string;
  rows: readonly Record<string, number | string>[];
  children: ReactNode;
}) {
  const withFigure =
    (save: (name: string, figure: HTMLElement) => void) => (e: MouseEvent<HTMLButtonElement>) => {
      const figure = e.currentTarget.closest('figure');
      if (figure) save(name, figure);
    };
  return (
    <figure className="chart" data-testid={`chart-${name}`}>
      <figcaption>{caption}</figcaption>
      {children}
      <div className="exports" role="group" aria-label={`Export ${caption}`}>
        <button type="button" onClick={() => downloadCsv(name, rows)}>
          CSV
        </button>
        <button type="button" onClick={withFigure(downloadSvg)}>
          SVG
        </button>
        <button type="button" onClick={withFigure(downloadPng)}>
          PNG
        </button>
      </div>
    </figure>
  );
}
