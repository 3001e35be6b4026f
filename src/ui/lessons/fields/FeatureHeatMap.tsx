/**
 * The centre's ρ⊗V feature vector as heat maps, one per l: rows are the density channels (a1 n1), columns the
 * potential channels (a2 n2), each on the diverging scale of its own largest |value| (l = 0 would otherwise hide
 * the rest), given under it. Hovering a cell (or moving through the cells with the arrow keys) names its column as
 * the CLI does. The whole vector downloads as JSON with its labels, or as the CLI writes it (.npy and .labels.json),
 * with the boundary it was computed with (bulk, slab or cluster).
 */
import { useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { FieldsSeries } from '../../../experiments/fields/session.ts';
import { encodeNpy } from '../../../data/npy.ts';
import { download } from '../../charts/export.ts';
import { COLOUR_BAR_GRADIENT, colourTexels, symmetricLimit } from './colour-map.ts';
import type { Opaque } from './opaque.ts';

type Features = FieldsSeries['features'];

/** Pixels per cell: blocks of up to 36 × 36 channels stay within about 150 px. */
const cellSize = (channels: number) => Math.max(4, Math.min(16, Math.floor(150 / channels)));

function Block({
  features,
  l,
  onCell,
}: {
  features: Opaque<Features>;
  l: number;
  onCell: (column: number | null) => void;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const { channels, values } = features.value;
  const size = cellSize(channels);
  const block = values.subarray(l * channels * channels, (l + 1) * channels * channels);
  const limit = symmetricLimit(block);
  useLayoutEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    const image = new ImageData(new Uint8ClampedArray(colourTexels(block, limit).buffer), channels, channels);
    // Draw the channels² image, then scale it up without smoothing: one square per feature.
    createImageBitmap(image).then(
      (bitmap) => {
        context.imageSmoothingEnabled = false;
        context.drawImage(bitmap, 0, 0, channels * size, channels * size);
      },
      () => undefined,
    );
  }, [block, limit, channels, size]);
  const [focus, setFocus] = useState(0);
  const column = (row: number, col: number) => l * channels * channels + row * channels + col;
  const onMove = (e: MouseEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const col = Math.floor(((e.clientX - box.left) / box.width) * channels);
    const row = Math.floor(((e.clientY - box.top) / box.height) * channels);
    onCell(row >= 0 && row < channels && col >= 0 && col < channels ? column(row, col) : null);
  };
  const onKey = (e: KeyboardEvent<HTMLCanvasElement>) => {
    const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: channels, ArrowUp: -channels }[e.key];
    if (step === undefined) return;
    e.preventDefault();
    const next = Math.min(channels * channels - 1, Math.max(0, focus + step));
    setFocus(next);
    onCell(l * channels * channels + next);
  };
  return (
    <figure className="heat-block">
      <canvas
        ref={canvas}
        width={channels * size}
        height={channels * size}
        tabIndex={0}
        aria-label={`ρ⊗V features at l = ${l}: rows ρ channels, columns V channels; arrow keys move between cells`}
        onMouseMove={onMove}
        onMouseLeave={() => onCell(null)}
        onFocus={() => onCell(l * channels * channels + focus)}
        onKeyDown={onKey}
      />
      <figcaption>
        l = {l}, ±{limit.toPrecision(2)}
      </figcaption>
    </figure>
  );
}

export function FeatureHeatMap({ features }: { features: Opaque<Features> }) {
  const [cell, setCell] = useState<number | null>(null);
  const { values, labels, channels, boundary } = features.value;
  const lMax = values.length / (channels * channels) - 1;
  const saveJson = () =>
    download(
      'rho-V-features.json',
      new Blob([JSON.stringify({ boundary, labels, values: [...values] })], { type: 'application/json' }),
    );
  // As the CLI writes them: one row of float64 in .npy, its column names in .labels.json.
  const saveNpy = () => {
    download('rho-V-features.npy', new Blob([encodeNpy(values, [1, values.length])]));
    download(
      'rho-V-features.labels.json',
      new Blob([JSON.stringify({ boundary, columns: labels })], { type: 'application/json' }),
    );
  };
  return (
    <section className="heat-map" aria-labelledby="heat-map-title" data-testid="feature-heat-map">
      <h3 id="heat-map-title">The centre’s ρ⊗V features (l ≤ {lMax})</h3>
      <div className="heat-blocks">
        {Array.from({ length: lMax + 1 }, (_, l) => (
          <Block key={l} features={features} l={l} onCell={setCell} />
        ))}
      </div>
      <div className="colour-bar-strip" style={{ background: COLOUR_BAR_GRADIENT }} />
      <div className="colour-bar-ticks">
        <span>−largest |value| of the map</span>
        <span>0</span>
        <span>+largest</span>
      </div>
      <p className="heat-cell" data-testid="heat-cell" aria-live="polite">
        {cell === null
          ? `${values.length} features; hover a cell (or focus a map and use the arrow keys) to name it.`
          : `${labels[cell]} = ${values[cell]!.toPrecision(4)}`}
      </p>
      <div className="heat-downloads">
        <button type="button" onClick={saveJson}>
          Download features (JSON, with labels)
        </button>
        <button type="button" onClick={saveNpy}>
          Download features (.npy + labels)
        </button>
      </div>
    </section>
  );
}
