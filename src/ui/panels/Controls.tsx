/** The lesson's controls: native, labelled inputs (keyboard-operable), hidden one by one in presentation mode. */
import type { ReactNode } from 'react';
import type { ViewKey, ViewState } from '../../state/view-state.ts';
import { VIEW_PARAMS } from '../../state/view-state.ts';
import { useView, viewStore } from '../use-view.ts';

const CENTRING_LABELS: Record<string, string> = {
  'water-O': 'O of H2O',
  'co2-C': 'C of CO2',
  all: 'all atoms',
};

function Field({ name, label, children }: { name: ViewKey; label: string; children: ReactNode }) {
  const hidden = useView((s) => (s.view.hide as readonly string[]).includes(name));
  if (hidden) return null;
  return (
    <div className="field">
      <span className="field-label" id={`${name}-label`}>
        {label}
      </span>
      {children}
    </div>
  );
}

function Slider({
  name,
  label,
  step,
  unit = '',
}: {
  name: ViewKey;
  label: string;
  step: number;
  unit?: string;
}) {
  const value = useView((s) => s.view[name]) as number;
  const definition = VIEW_PARAMS[name] as { min: number; max: number };
  return (
    <Field name={name} label={label}>
      <input
        type="range"
        aria-labelledby={`${name}-label`}
        data-testid={`control-${name}`}
        min={definition.min}
        max={definition.max}
        step={step}
        value={value}
        onChange={(e) =>
          viewStore.getState().update({ [name]: Number(e.target.value) } as Partial<ViewState>)
        }
      />
      <output>
        {value}
        {unit}
      </output>
    </Field>
  );
}

export function Controls({ orientationIds }: { orientationIds: readonly string[] }) {
  const view = useView((s) => s.view);
  const update = viewStore.getState().update;
  return (
    <form className="controls" aria-label="Lesson controls" onSubmit={(e) => e.preventDefault()}>
      <Slider name="orientation" label={`Orientation ${orientationIds[view.orientation] ?? ''}`} step={1} />
      <Slider name="separation" label="Separation R" step={0.05} unit=" Å" />
      <Field name="centring" label="Centres">
        <div role="radiogroup" aria-labelledby="centring-label" className="radios">
          {VIEW_PARAMS.centring.options.map((option) => (
            <label key={option}>
              <input
                type="radio"
                name="centring"
                value={option}
                checked={view.centring === option}
                onChange={() => update({ centring: option })}
              />
              {CENTRING_LABELS[option]}
            </label>
          ))}
        </div>
      </Field>
      <Slider name="lMax" label="Angular cutoff l_max" step={1} />
      <Field name="features" label="Features">
        <select
          aria-labelledby="features-label"
          value={view.features}
          onChange={(e) => update({ features: e.target.value })}
        >
          <option value="rho-V">ρ⊗V (multi-scale LODE)</option>
          <option value="rho-rho">ρ⊗ρ (local, for contrast)</option>
        </select>
      </Field>
      <Slider name="cutoff" label="Cutoff r_c" step={0.1} unit=" Å" />
      <Slider name="sigma" label="Gaussian width σ" step={0.05} unit=" Å" />
      <Slider name="nMax" label="Radial functions n_max" step={1} />
      <Field name="trainWindow" label="Training window (Å)">
        <span className="pair">
          {(['from', 'to'] as const).map((end, i) => (
            <input
              key={end}
              type="number"
              aria-label={`Training window ${end} (Å)`}
              step={0.25}
              min={VIEW_PARAMS.trainWindow.min}
              max={VIEW_PARAMS.trainWindow.max}
              value={view.trainWindow[i]}
              onChange={(e) => {
                const next: [number, number] = [view.trainWindow[0], view.trainWindow[1]];
                next[i] = Number(e.target.value);
                if (next[0] < next[1]) update({ trainWindow: next });
              }}
            />
          ))}
        </span>
      </Field>
    </form>
  );
}
