/** The current view's link as a QR code (presentation mode: students open the same view on their phones). */
import qrcode from 'qrcode-generator';
import { useMemo } from 'react';
import { shareLink } from './share-link.ts';
import { useView } from './use-view.ts';

/** The dark modules of a QR code as one SVG path, one unit square per module. */
function qrPath(text: string): { size: number; path: string } {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const size = qr.getModuleCount();
  let path = '';
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) if (qr.isDark(row, col)) path += `M${col} ${row}h1v1h-1z`;
  }
  return { size, path };
}

export function QrLink() {
  const view = useView((s) => s.view);
  const link = shareLink(view);
  const { size, path } = useMemo(() => qrPath(link), [link]);
  const quiet = 4;
  return (
    <figure className="qr-link" data-testid="qr-link" data-link={link}>
      <svg
        viewBox={`${-quiet} ${-quiet} ${size + 2 * quiet} ${size + 2 * quiet}`}
        role="img"
        aria-label="QR code of this view's link"
        shapeRendering="crispEdges"
      >
        <rect x={-quiet} y={-quiet} width={size + 2 * quiet} height={size + 2 * quiet} fill="#fff" />
        <path d={path} fill="#000" />
      </svg>
      <figcaption>Scan to open this view</figcaption>
    </figure>
  );
}
