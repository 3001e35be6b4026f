/**
 * The controls of any lesson, rendered from its parameter definitions: sliders for numbers, radio buttons or a
 * drop-down for choices, a pair of boxes for ranges. Native, labelled inputs (keyboard-operable), each with its
 * help line; a teacher's `hide` list removes any of them.
 */
import { useState, type KeyboardEvent, type ReactNode } from 'react';
import { hasControl, type ParamDefinition, type ParamDefinitions } from '../../experiments/params.ts';
import { useView, viewStore } from '../use-view.ts';
import { readRangeInput } from './range-input.ts';

type Definition<K extends ParamDefinition['kind']> = Extract<ParamDefinition, { kind: K }>;

function Field({
  name,
  definition,
  children,
}: {
  name: string;
  definition: ParamDefinition;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <span className="field-label" id={`${name}-label`}>
        {definition.label}
      </span>
      {children}
      {definition.help && (
        <small className="field-help" id={`${name}-help`}>
          {definition.help}
        </small>
      )}
    </div>
  );
}

const update = (name: string, value: unknown) => viewStore.getState().update({ [name]: value });
const withUnit = (value: number, unit?: string) => (unit ? `${value} ${unit}` : String(value));

function Slider({
  name,
  definition,
  value,
  shown,
}: {
  name: string;
  definition: Definition<'int' | 'number'>;
  value: number;
  shown?: string;
}) {
  return (
    <Field name={name} definition={definition}>
      <input
        type="range"
        aria-labelledby={`${name}-label`}
        aria-describedby={definition.help ? `${name}-help` : undefined}
        data-testid={`control-${name}`}
        min={definition.min}
        max={definition.max}
        step={definition.step}
        value={value}
        onChange={(e) => update(name, Number(e.target.value))}
      />
      <output>{shown ?? withUnit(value, definition.unit)}</output>
    </Field>
  );
}

function Choice({
  name,
  definition,
  value,
}: {
  name: string;
  definition: Definition<'choice'>;
  value: string;
}) {
  const label = (option: string) => definition.optionLabels?.[option] ?? option;
  return (
    <Field name={name} definition={definition}>
      {definition.display === 'radio' ? (
        <div role="radiogroup" aria-labelledby={`${name}-label`} className="radios">
          {definition.options.map((option) => (
            <label key={option}>
              <input
                type="radio"
                name={name}
                value={option}
                checked={value === option}
                onChange={() => update(name, option)}
              />
              {label(option)}
            </label>
          ))}
        </div>
      ) : (
        <select
          aria-labelledby={`${name}-label`}
          value={value}
          onChange={(e) => update(name, e.target.value)}
        >
          {definition.options.map((option) => (
            <option key={option} value={option}>
              {label(option)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** Two boxes applied on Enter or when focus leaves (readRangeInput says how), with a message when they are not. */
function Range({
  name,
  definition,
  value,
}: {
  name: string;
  definition: Definition<'range'>;
  value: readonly [number, number];
}) {
  const [drafts, setDrafts] = useState<[string, string] | null>(null);
  const [message, setMessage] = useState('');
  const shown = drafts ?? [String(value[0]), String(value[1])];
  const unit = definition.unit ?? '';
  const apply = () => {
    if (!drafts) return;
    setDrafts(null);
    const input = readRangeInput(definition, drafts);
    setMessage(input.message);
    if (input.value && (input.value[0] !== value[0] || input.value[1] !== value[1]))
      update(name, input.value);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') apply();
  };
  return (
    <Field name={name} definition={definition}>
      <span className="pair">
        {(['from', 'to'] as const).map((end, i) => (
          <input
            key={end}
            type="number"
            aria-label={`${definition.label} ${end}${unit ? ` (${unit})` : ''}`}
            step={definition.step}
            min={definition.min}
            max={definition.max}
            value={shown[i]}
            onChange={(e) => {
              const next: [string, string] = [shown[0], shown[1]];
              next[i] = e.target.value;
              setDrafts(next);
            }}
            onBlur={apply}
            onKeyDown={onKey}
          />
        ))}
      </span>
      {message && (
        <small role="status" className="field-message">
          {message}
        </small>
      )}
    </Field>
  );
}

function Control({ name, definition, shown }: { name: string; definition: ParamDefinition; shown?: string }) {
  const value = useView((s) => s.view.params[name]);
  switch (definition.kind) {
    case 'int':
    case 'number':
      return <Slider name={name} definition={definition} value={value as number} shown={shown} />;
    case 'choice':
      return <Choice name={name} definition={definition} value={value as string} />;
    case 'range':
      return <Range name={name} definition={definition} value={value as [number, number]} />;
    default:
      return null;
  }
}

/** `shown` replaces the displayed value of some sliders (e.g. an orientation's name instead of its index). */
export function ParamControls({
  params,
  label,
  shown = {},
}: {
  params: ParamDefinitions;
  label: string;
  shown?: Readonly<Record<string, string>>;
}) {
  const hide = useView((s) => s.view.hide);
  return (
    <form className="controls" aria-label={label} onSubmit={(e) => e.preventDefault()}>
      {Object.entries(params)
        .filter(([name, definition]) => hasControl(definition) && !hide.includes(name))
        .map(([name, definition]) => (
          <Control key={name} name={name} definition={definition} shown={shown[name]} />
        ))}
    </form>
  );
}
