/**
 * Picking a dimer besides the slider: by name (any part of an SSI id, any class; Enter takes the best match), the
 * paper's median-error test dimer, or a random one of the class. Held-out dimers of the computed class are marked.
 */
import { useId, useMemo, useState } from 'react';
import { searchDimers, type DimerMatch } from '../../../experiments/dimers/dimer-search.ts';
import { MEDIAN_DIMER } from '../../../experiments/dimers/spec.ts';
import type { ClassName } from '../../../experiments/dimers/split.ts';
import { viewStore } from '../../use-view.ts';

const choose = (cls: ClassName, dimer: number) => viewStore.getState().update({ cls, dimer });

export function DimerPicker({
  curves,
  cls,
  test,
}: {
  /** Every dimer of the dataset, in dataset order. */
  curves: readonly { readonly id: string; readonly class: ClassName }[];
  cls: ClassName;
  /** Test dimers (indices) of `cls` once its study is done. */
  test: ReadonlySet<number> | null;
}) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [message, setMessage] = useState('');
  const matches = useMemo(() => searchDimers(curves, query), [curves, query]);
  const size = useMemo(() => curves.filter((c) => c.class === cls).length, [curves, cls]);
  const role = (m: DimerMatch) =>
    m.cls === cls && test ? (test.has(m.index) ? ', test dimer' : ', training dimer') : '';
  const pick = (m: DimerMatch) => {
    choose(m.cls, m.index);
    setMessage(`${m.id}: class ${m.cls}, dimer ${m.index}`);
  };
  const submit = () => {
    const [best] = matches;
    if (best) pick(best);
    else setMessage(query.trim() ? `No dimer matches “${query.trim()}”.` : 'Type part of a dimer’s name.');
  };
  return (
    <div className="field dimer-picker">
      <label className="field-label" htmlFor={`${id}-search`}>
        Find a dimer
      </label>
      <input
        id={`${id}-search`}
        type="search"
        list={`${id}-matches`}
        placeholder="e.g. 027ARG-094ASP-1 or ARG-094"
        aria-describedby={`${id}-message`}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          // Choosing an entry of the list types its whole id: take it at once.
          const exact = searchDimers(curves, e.target.value, 1)[0];
          if (exact && exact.id === e.target.value) pick(exact);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            submit();
          }
        }}
      />
      <datalist id={`${id}-matches`}>
        {matches.map((m) => (
          <option key={m.id} value={m.id} label={`${m.cls}${role(m)}`} />
        ))}
      </datalist>
      <span className="pair">
        <button type="button" onClick={() => choose(cls, MEDIAN_DIMER)}>
          Median-error test dimer
        </button>
        <button type="button" onClick={() => choose(cls, Math.floor(Math.random() * size))}>
          Random dimer
        </button>
      </span>
      <small id={`${id}-message`} role="status" className="field-help">
        {message}
      </small>
    </div>
  );
}
