import { useState } from 'react';
import type { EngineStatus } from '../../workers/protocol.ts';
import { encodeView } from '../state/url-codec.ts';
import { VIEW_PARAMS } from '../state/view-state.ts';
import { useView, viewStore } from './use-view.ts';

const LESSON_NAMES: Record<string, string> = {
  'h2o-co2': 'H2O–CO2: multipoles',
  'water-centre': 'H2O–CO2: centred on water',
  'co2-centre': 'H2O–CO2: centred on CO2',
  'all-atoms': 'H2O–CO2: all atoms',
};

export function engineLabel(engine: EngineStatus | null): string {
  if (!engine) return 'starting…';
  return engine.backend === 'webgpu'
    ? `WebGPU (${engine.adapter ?? 'unknown adapter'})`
    : `CPU fallback: ${engine.fallbackReason ?? 'unknown reason'}`;
}

export function Header({ engine }: { engine: EngineStatus | null }) {
  const lesson = useView((s) => s.view.lesson);
  const [copied, setCopied] = useState<string | null>(null);
  const copyLink = async () => {
    const link = `${window.location.origin}${window.location.pathname}${encodeView(viewStore.getState().view)}`;
    try {
      await navigator.clipboard.writeText(link);
      setCopied('Link copied');
    } catch {
      setCopied(`Copy this link: ${link}`);
    }
  };
  return (
    <header className="app-header">
      <h1>LODE Explorer</h1>
      <label>
        Lesson{' '}
        <select value={lesson} onChange={(e) => viewStore.getState().selectLesson(e.target.value)}>
          {VIEW_PARAMS.lesson.options.map((id) => (
            <option key={id} value={id}>
              {LESSON_NAMES[id] ?? id}
            </option>
          ))}
        </select>
      </label>
      <p role="status" data-testid="engine-status" className="engine-status">
        Engine: {engineLabel(engine)}
      </p>
      <button type="button" onClick={() => void copyLink()} data-testid="copy-link">
        Copy link
      </button>
      {copied && (
        <span role="status" className="copied">
          {copied}
        </span>
      )}
    </header>
  );
}

export function Notices() {
  const notices = useView((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <div role="alert" className="notices" data-testid="notices">
      <strong>This link could not be used as it is.</strong>
      <ul>
        {notices.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
      <button type="button" onClick={() => viewStore.getState().dismissNotices()}>
        Dismiss
      </button>
    </div>
  );
}
