/**
 * Chart exports: the plotted numbers as CSV, the whole figure (title, drawing, legend, the view's parameters) as one
 * standalone SVG, or that SVG rasterised to PNG (downloads, no server).
 */
import { figureSvg, type FigureParts, type LegendEntry } from './figure-svg.ts';

/** What an export says besides the numbers and the drawing. */
export interface ExportText {
  /** The figure's caption (the SVG's title line, the CSV's first comment). */
  readonly title: string;
  /** The view's parameters (the SVG's bottom line, the CSV's second comment). */
  readonly parameters?: string;
  /** Unit of each column that has one, written into the CSV's header ("separation (Å)"). */
  readonly units?: Readonly<Record<string, string>>;
}

export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A CSV cell: quoted when it holds a comma, a quote or a line break. */
const cell = (v: number | string | undefined) => {
  const text = v === undefined ? '' : String(v);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * The rows as CSV: comment lines first (`# ` and one line each), then a header of the columns (with their units in
 * parentheses), then one line per row with blanks for missing values.
 */
export function toCsv(
  rows: readonly Record<string, number | string>[],
  {
    units = {},
    comments = [],
  }: { units?: Readonly<Record<string, string>>; comments?: readonly string[] } = {},
): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const header = columns.map((c) => cell(Object.hasOwn(units, c) && units[c] ? `${c} (${units[c]})` : c));
  return (
    [
      ...comments.filter((c) => c !== '').map((c) => `# ${c.replace(/[\r\n]+/g, ' ')}`),
      header.join(','),
      ...rows.map((r) => columns.map((c) => cell(r[c])).join(',')),
    ].join('\n') + '\n'
  );
}

export function downloadCsv(
  name: string,
  rows: readonly Record<string, number | string>[],
  text: ExportText,
): void {
  const csv = toCsv(rows, { units: text.units, comments: [text.title, text.parameters ?? ''] });
  download(`${name}.csv`, new Blob([csv], { type: 'text/csv;charset=utf-8' }));
}

/** Properties that CSS may set on SVG content; inlined so the file draws the same without the page's style sheet. */
const INHERITED = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'visibility',
];

/**
 * A copy of an <svg> whose computed styles are inlined: each inherited property where it differs from the parent's
 * (or from the element's own attribute), opacity where it is not 1; the root gets fixed width and height.
 */
function inlinedCopy(svg: SVGSVGElement, width: number, height: number): SVGSVGElement {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll('*')];
  const copies = [copy, ...copy.querySelectorAll('*')];
  const computed = new Map<Element, CSSStyleDeclaration>();
  originals.forEach((original, i) => {
    const style = getComputedStyle(original);
    computed.set(original, style);
    const parent = original === svg ? undefined : computed.get(original.parentElement!);
    const declarations = INHERITED.filter((p) => {
      const value = style.getPropertyValue(p);
      const attribute = original.getAttribute(p);
      return (
        value !== '' &&
        (!parent || value !== parent.getPropertyValue(p) || (attribute !== null && attribute !== value))
      );
    }).map((p) => `${p}:${style.getPropertyValue(p)}`);
    if (style.opacity !== '' && style.opacity !== '1') declarations.push(`opacity:${style.opacity}`);
    const target = copies[i];
    if (declarations.length > 0) target.setAttribute('style', declarations.join(';'));
    else target.removeAttribute('style');
  });
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  return copy;
}

/** The first non-transparent background colour from the element up (the page's dark background otherwise). */
function backgroundOf(element: Element | null): string {
  for (let e = element; e; e = e.parentElement) {
    const colour = getComputedStyle(e).backgroundColor;
    if (colour && colour !== 'transparent' && !/^rgba\(.*,\s*0\)$/.test(colour)) return colour;
  }
  return '#0b0f14';
}

/** The chart's drawing: the largest recharts surface that is not a legend icon. */
function mainSurface(figure: HTMLElement): SVGSVGElement | null {
  const surfaces = [...figure.querySelectorAll<SVGSVGElement>('svg.recharts-surface')].filter(
    (s) => !s.closest('.recharts-legend-wrapper'),
  );
  const area = (s: SVGSVGElement) => {
    const r = s.getBoundingClientRect();
    return r.width * r.height;
  };
  return surfaces.reduce<SVGSVGElement | null>((best, s) => (!best || area(s) > area(best) ? s : best), null);
}

/** The legend as the page drew it (recharts renders it as HTML), relative to the surface's top left. */
function legendEntries(figure: HTMLElement, origin: DOMRect): LegendEntry[] {
  return [...figure.querySelectorAll<HTMLElement>('.recharts-legend-wrapper .recharts-legend-item')].map(
    (item) => {
      const text = item.querySelector<HTMLElement>('.recharts-legend-item-text') ?? item;
      const iconSvg = item.querySelector<SVGSVGElement>('svg');
      const textBox = text.getBoundingClientRect();
      const iconBox = iconSvg?.getBoundingClientRect();
      const colour = getComputedStyle(text).color;
      return {
        label: text.textContent?.trim() ?? '',
        colour,
        icon: iconSvg
          ? new XMLSerializer().serializeToString(inlinedCopy(iconSvg, iconBox!.width, iconBox!.height))
          : undefined,
        at: {
          x: (iconBox ?? textBox).left - origin.left,
          y: (iconBox ?? textBox).top - origin.top,
          size: iconBox?.width ?? 0,
          textX: textBox.left - origin.left,
          textY: textBox.top + textBox.height / 2 - origin.top,
        },
      };
    },
  );
}

/** The figure's parts as the page shows them now, or null when it has no chart drawn. */
export function figureParts(figure: HTMLElement, text: ExportText): FigureParts | null {
  const surface = mainSurface(figure);
  if (!surface) return null;
  const box = surface.getBoundingClientRect();
  const width = Math.round(box.width);
  const height = Math.round(box.height);
  const caption = figure.querySelector('figcaption') ?? figure;
  const legendText = figure.querySelector('.recharts-legend-item-text');
  return {
    surface: new XMLSerializer().serializeToString(inlinedCopy(surface, width, height)),
    width,
    height,
    legend: legendEntries(figure, box),
    title: text.title,
    caption: text.parameters,
    background: backgroundOf(figure),
    colour: getComputedStyle(caption).color,
    fontFamily: getComputedStyle(figure).fontFamily || 'system-ui, sans-serif',
    legendFontSize: legendText ? parseFloat(getComputedStyle(legendText).fontSize) : undefined,
  };
}

/** The figure as one standalone SVG, with its size and background. */
export function figureDocument(figure: HTMLElement, text: ExportText) {
  const parts = figureParts(figure, text);
  return parts ? { ...figureSvg(parts), background: parts.background } : null;
}

export function downloadSvg(name: string, figure: HTMLElement, text: ExportText): void {
  const made = figureDocument(figure, text);
  if (made) download(`${name}.svg`, new Blob([made.svg], { type: 'image/svg+xml;charset=utf-8' }));
}

/** The same SVG drawn onto a canvas at (at least) twice the page's resolution. */
export function downloadPng(name: string, figure: HTMLElement, text: ExportText): void {
  const made = figureDocument(figure, text);
  if (!made) return;
  const ratio = Math.max(2, Math.ceil(window.devicePixelRatio || 1));
  const image = new Image();
  image.onload = () => {
    const canvas = document.createElement('canvas');
    canvas.width = ratio * made.width;
    canvas.height = ratio * made.height;
    const context = canvas.getContext('2d')!;
    context.fillStyle = made.background;
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    canvas.toBlob((blob) => blob && download(`${name}.png`, blob), 'image/png');
  };
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(made.svg)}`;
}
