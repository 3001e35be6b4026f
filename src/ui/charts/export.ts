/** Chart exports: the plotted numbers as CSV, the drawing as SVG or PNG (downloads, no server). */

function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function toCsv(rows: readonly Record<string, number | string>[]): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: number | string | undefined) => (v === undefined ? '' : String(v));
  return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}

export function downloadCsv(name: string, rows: readonly Record<string, number | string>[]): void {
  download(`${name}.csv`, new Blob([toCsv(rows)], { type: 'text/csv' }));
}

function svgText(figure: HTMLElement): string | null {
  const svg = figure.querySelector('svg.recharts-surface');
  if (!svg) return null;
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('style', 'background:#0b0f14;font-family:system-ui,sans-serif');
  return new XMLSerializer().serializeToString(copy);
}

export function downloadSvg(name: string, figure: HTMLElement): void {
  const text = svgText(figure);
  if (text) download(`${name}.svg`, new Blob([text], { type: 'image/svg+xml' }));
}

export function downloadPng(name: string, figure: HTMLElement): void {
  const text = svgText(figure);
  const svg = figure.querySelector('svg.recharts-surface');
  if (!text || !svg) return;
  const { width, height } = svg.getBoundingClientRect();
  const image = new Image();
  image.onload = () => {
    const canvas = document.createElement('canvas');
    canvas.width = 2 * width;
    canvas.height = 2 * height;
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#0b0f14';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    canvas.toBlob((blob) => blob && download(`${name}.png`, blob), 'image/png');
  };
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
}
