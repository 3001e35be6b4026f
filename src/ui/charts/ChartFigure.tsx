import type { MouseEvent, ReactNode } from 'react';
import { downloadCsv, downloadPng, downloadSvg, type ExportText } from './export.ts';
import { currentParameterLine } from './parameter-line.ts';

/**
 * A chart with its caption and export buttons: CSV of the plotted rows (units in the header, the caption and the
 * view's parameters as comment lines), SVG and PNG of the whole figure (caption, drawing, legend, parameters).
 */
export function ChartFigure({
  name,
  caption,
  parameterKeys,
  units,
  rows,
  children,
}: {
  name: string;
  /** The figure's title, shown above the chart and on top of its exports. */
  caption: string;
  /** The view's parameters the figure depends on (default: all session-scoped ones), written into the exports. */
  parameterKeys?: readonly string[];
  /** Unit of each column of `rows` that has one, e.g. { separation: 'Å', model: 'meV' }. */
  units?: Readonly<Record<string, string>>;
  rows: readonly Record<string, number | string>[];
  children: ReactNode;
}) {
  const text = (): ExportText => ({ title: caption, parameters: currentParameterLine(parameterKeys), units });
  const withFigure =
    (save: (name: string, figure: HTMLElement, text: ExportText) => void) =>
    (e: MouseEvent<HTMLButtonElement>) => {
      const figure = e.currentTarget.closest('figure');
      if (figure) save(name, figure, text());
    };
  return (
    <figure className="chart" data-testid={`chart-${name}`}>
      <figcaption>{caption}</figcaption>
      {children}
      <div className="exports" role="group" aria-label={`Export ${caption}`}>
        <button type="button" onClick={() => downloadCsv(name, rows, text())}>
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
