/**
 * The slice's normal as three numbers (the vector parameter has no generic control), applied on Enter or when focus
 * leaves a box; a zero or unreadable vector is refused with a message and the slice stays as it is.
 */
import { useState, type KeyboardEvent } from 'react';
import { params } from '../../../experiments/fields/spec.ts';
import { viewStore } from '../../use-view.ts';

type Vec3 = readonly [number, number, number];
const AXES = ['x', 'y', 'z'] as const;

export function NormalInput({ normal }: { normal: Vec3 }) {
  const [drafts, setDrafts] = useState<string[] | null>(null);
  const [message, setMessage] = useState('');
  const shown = drafts ?? normal.map(String);
  const apply = () => {
    if (!drafts) return;
    setDrafts(null);
    const vector = drafts.map((d) => (d.trim() === '' ? Number.NaN : Number(d)));
    if (!vector.every(Number.isFinite) || vector.every((x) => x === 0)) {
      setMessage(`(${drafts.join(', ')}) is not a direction: the normal stays (${normal.join(', ')}).`);
      return;
    }
    setMessage('');
    viewStore.getState().update({ normal: vector as unknown as Vec3 });
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') apply();
  };
  return (
    <div className="field normal-input">
      <span className="field-label" id="normal-label">
        {params.normal.label}
      </span>
      <span className="pair" role="group" aria-labelledby="normal-label">
        {AXES.map((axis, i) => (
          <input
            key={axis}
            type="number"
            step={0.1}
            aria-label={`${params.normal.label} ${axis}`}
            value={shown[i]}
            onChange={(e) => setDrafts(shown.map((d, k) => (k === i ? e.target.value : d)))}
            onBlur={apply}
            onKeyDown={onKey}
          />
        ))}
      </span>
      <small className="field-help">{params.normal.help}</small>
      {message && (
        <small role="status" className="field-message">
          {message}
        </small>
      )}
    </div>
  );
}
