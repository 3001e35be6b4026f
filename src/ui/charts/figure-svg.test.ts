import { describe, expect, it } from 'vitest';
import { escapeXml, figureSvg, PAD, wrapText, type FigureParts } from './figure-svg.ts';

const surface =
  '<svg xmlns="http://www.w3.org/2000/svg" class="recharts-surface" width="400" height="260" viewBox="0 0 400 260">' +
  '<path d="M0,0L10,10" style="stroke:rgb(255, 107, 107)"/><text>l_max</text></svg>';

const parts: FigureParts = {
  surface,
  width: 400,
  height: 260,
  legend: [
    {
      label: 'O of H2O',
      colour: 'rgb(255, 107, 107)',
      icon: '<svg width="14" height="14"><path d="M0,7h14"/></svg>',
      at: { x: 150, y: 10, size: 14, textX: 168, textY: 17 },
    },
  ],
  title: 'Extrapolation error against l_max',
  caption: 'H2O–CO2 · Radial functions n_max 6 · engine cpu',
  background: 'rgb(11, 15, 20)',
  colour: '#c3c8cf',
  fontFamily: 'system-ui, "Segoe UI", sans-serif',
  legendFontSize: 16,
};

/** The attributes of the document's root <svg>. */
const root = (svg: string) => /<svg ([^>]*)>/.exec(svg.replace(/^<\?xml[^>]*>/, ''))![1];

describe('figure SVG', () => {
  it('is one standalone document: title, background, the surface, the legend and the parameter line', () => {
    const { svg, width, height } = figureSvg(parts);
    expect(
      svg.startsWith('<?xml version="1.0" encoding="UTF-8"?><svg xmlns="http://www.w3.org/2000/svg"'),
    ).toBe(true);
    expect(width).toBe(400 + 2 * PAD);
    expect(root(svg)).toContain(`width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"`);
    expect(root(svg)).toContain('font-family="system-ui, &#34;Segoe UI&#34;, sans-serif"');
    expect(height).toBeGreaterThan(260 + 2 * PAD);
    expect(svg).toContain('<rect width="100%" height="100%" fill="rgb(11, 15, 20)"/>');
    expect(svg).toContain(surface);
    expect(svg).toContain('>Extrapolation error against l_max</text>');
    expect(svg).toContain('>H2O–CO2 · Radial functions n_max 6 · engine cpu</text>');
    expect(svg).toContain('<svg width="14" height="14"><path d="M0,7h14"/></svg>');
    expect(svg).toContain('fill="rgb(255, 107, 107)" dominant-baseline="central">O of H2O</text>');
    // Order: title, drawing, legend over it, parameters.
    const at = (s: string) => svg.indexOf(s);
    expect(at('Extrapolation error')).toBeLessThan(at(surface));
    expect(at(surface)).toBeLessThan(at('>O of H2O<'));
    expect(at('>O of H2O<')).toBeLessThan(at('n_max 6'));
  });

  it('places a positioned legend entry where the page drew it, over the surface', () => {
    const { svg } = figureSvg(parts);
    const top = Number(/<g transform="translate\(16,([\d.]+)\)"><svg xmlns/.exec(svg)![1]);
    expect(svg).toContain(`<g transform="translate(${PAD + 150},${top + 10})"><svg width="14"`);
    expect(svg).toContain(`<text x="${PAD + 168}" y="${top + 17}" font-size="16"`);
  });

  it('lays entries without a position out in a row above the drawing, with swatches where no icon is known', () => {
    const { svg, height } = figureSvg({
      ...parts,
      legend: [
        { label: 'model', colour: '#f08c00' },
        { label: 'reference', colour: '#e8eaed' },
      ],
    });
    expect(
      svg.match(/<rect x="[\d.]+" y="[\d.]+" width="12" height="12" rx="2" fill="#f08c00"\/>/),
    ).not.toBeNull();
    expect(svg).toContain('>reference</text>');
    expect(svg.indexOf('>reference</text>')).toBeLessThan(svg.indexOf(surface));
    expect(height).toBeGreaterThan(figureSvg(parts).height);
  });

  it('wraps long titles and captions to the width, escapes text and leaves out an empty caption', () => {
    const long = figureSvg({ ...parts, title: 'a <b> & c '.repeat(20), caption: '' });
    expect(long.svg).not.toContain('<b>');
    expect(long.svg).toContain('a &#60;b&#62; &#38; c');
    expect(long.svg.match(/font-weight="600"/g)!.length).toBeGreaterThan(1);
    expect(long.svg).not.toContain('font-size="11"');
  });
});

describe('wrapText', () => {
  it('fills lines up to the width and gives an overlong word its own line', () => {
    expect(wrapText('aa bb cc', 5 * 0.6 * 10, 10)).toEqual(['aa bb', 'cc']);
    expect(wrapText('x averyveryverylongword y', 30, 10)).toEqual(['x', 'averyveryverylongword', 'y']);
    expect(wrapText('  ', 100, 10)).toEqual([]);
    expect(escapeXml(`<&>"'`)).toBe('&#60;&#38;&#62;&#34;&#39;');
  });
});
