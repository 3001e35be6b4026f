/**
 * One standalone SVG of a chart figure, assembled from its parts (no DOM here): a title on top, the chart's drawing
 * (the recharts surface, styles already inlined) with its legend, and a line of the view's parameters at the bottom.
 */

/** One legend entry: its text, its colour and, where known, its icon and where the page drew it. */
export interface LegendEntry {
  readonly label: string;
  readonly colour: string;
  /** Markup of the entry's icon: an <svg> with its own width and height (a square swatch when missing). */
  readonly icon?: string;
  /**
   * Where the page drew the entry, relative to the surface's top left: the icon's box and the text's left edge and
   * vertical middle. Entries without it are laid out in a row between the title and the drawing.
   */
  readonly at?: {
    readonly x: number;
    readonly y: number;
    readonly size: number;
    readonly textX: number;
    readonly textY: number;
  };
}

export interface FigureParts {
  /** Markup of the chart's drawing: an <svg> of `width` × `height` whose styles are inlined. */
  readonly surface: string;
  readonly width: number;
  readonly height: number;
  readonly legend: readonly LegendEntry[];
  readonly title: string;
  /** The view's parameters (omitted when empty). */
  readonly caption?: string;
  readonly background: string;
  /** Colour of the title and caption. */
  readonly colour: string;
  readonly fontFamily: string;
  /** Font size of the legend's text, in px. */
  readonly legendFontSize?: number;
}

export const PAD = 16;
const TITLE_SIZE = 14;
const CAPTION_SIZE = 11;
const SWATCH = 12;

/** Text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** An estimate of a text's width (no fonts here): an average sans-serif glyph is about 0.6 em wide. */
export function textWidth(text: string, fontSize: number): number {
  return 0.6 * fontSize * [...text].length;
}

/** Words into lines no wider than `width` (a word longer than the line gets a line of its own). */
export function wrapText(text: string, width: number, fontSize: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    const next = line === '' ? word : `${line} ${word}`;
    if (line !== '' && textWidth(next, fontSize) > width) {
      lines.push(line);
      line = word;
    } else {
      line = next;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

const num = (x: number) => String(Math.round(x * 100) / 100);

function icon(entry: LegendEntry, x: number, y: number, size: number): string {
  return entry.icon
    ? `<g transform="translate(${num(x)},${num(y)})">${entry.icon}</g>`
    : `<rect x="${num(x + (size - SWATCH) / 2)}" y="${num(y + (size - SWATCH) / 2)}" width="${SWATCH}" height="${SWATCH}" rx="2" fill="${escapeXml(entry.colour)}"/>`;
}

function legendText(entry: LegendEntry, x: number, y: number, size: number): string {
  return `<text x="${num(x)}" y="${num(y)}" font-size="${num(size)}" fill="${escapeXml(entry.colour)}" dominant-baseline="central">${escapeXml(entry.label)}</text>`;
}

/** Entries without a position, in rows of icon + text that wrap at `width`; their markup and height. */
function legendRows(entries: readonly LegendEntry[], width: number, top: number, fontSize: number) {
  const size = Math.max(SWATCH, fontSize);
  const rowHeight = size + 6;
  const items: string[] = [];
  let x = PAD;
  let y = top;
  for (const entry of entries) {
    const w = size + 4 + textWidth(entry.label, fontSize) + 12;
    if (x > PAD && x + w > PAD + width) {
      x = PAD;
      y += rowHeight;
    }
    items.push(icon(entry, x, y, size), legendText(entry, x + size + 4, y + size / 2, fontSize));
    x += w;
  }
  return { markup: items.join(''), height: entries.length > 0 ? y - top + rowHeight + 4 : 0 };
}

/** The figure as one standalone SVG document, with its size in px. */
export function figureSvg(parts: FigureParts): { svg: string; width: number; height: number } {
  const width = Math.ceil(parts.width + 2 * PAD);
  const fontSize = parts.legendFontSize ?? 12;
  const titleLines = wrapText(parts.title, parts.width, TITLE_SIZE);
  const captionLines = wrapText(parts.caption ?? '', parts.width, CAPTION_SIZE);
  const lines = (texts: string[], top: number, size: number, weight: string) =>
    texts
      .map(
        (t, i) =>
          `<text x="${PAD}" y="${num(top + (i + 0.8) * size * 1.3)}" font-size="${size}"${weight} fill="${escapeXml(parts.colour)}">${escapeXml(t)}</text>`,
      )
      .join('');

  let y = PAD;
  const title = lines(titleLines, y, TITLE_SIZE, ' font-weight="600"');
  y += titleLines.length * TITLE_SIZE * 1.3 + 8;
  const rows = legendRows(
    parts.legend.filter((e) => !e.at),
    parts.width,
    y,
    fontSize,
  );
  y += rows.height;
  const surfaceTop = y;
  const placed = parts.legend
    .filter((e) => e.at)
    .map((e) => {
      const at = e.at!;
      return (
        icon(e, PAD + at.x, surfaceTop + at.y, at.size) +
        legendText(e, PAD + at.textX, surfaceTop + at.textY, fontSize)
      );
    })
    .join('');
  y += parts.height + 8;
  const caption = lines(captionLines, y, CAPTION_SIZE, '');
  const height = Math.ceil(y + captionLines.length * CAPTION_SIZE * 1.3 + PAD);

  const svg = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"`,
    ` font-family="${escapeXml(parts.fontFamily)}">`,
    `<title>${escapeXml(parts.title)}</title>`,
    `<rect width="100%" height="100%" fill="${escapeXml(parts.background)}"/>`,
    title,
    rows.markup,
    `<g transform="translate(${PAD},${num(surfaceTop)})">${parts.surface}</g>`,
    placed,
    caption,
    '</svg>\n',
  ].join('');
  return { svg, width, height };
}
