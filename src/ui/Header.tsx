import { useState } from 'react';
import type { EngineStatus } from '../../workers/protocol.ts';
import { LESSONS } from '../experiments/registry.ts';
import { encodeView } from '../state/url-codec.ts';
import { useEngineStatus } from './engine-status.ts';
import { useView, viewStore } from './use-view.ts';

/** What the header says about the engine: WebGPU, the CPU by choice (policy), or the CPU as a fallback. */
export function engineLabel(engine: EngineStatus | null): string {
  if (!engine) return 'starting…';
  if (engine.backend === 'webgpu') return `WebGPU (${engine.adapter ?? 'unknown adapter'})`;
  return `${engine.chosen ? 'CPU' : 'CPU fallback'}: ${engine.fallbackReason ?? 'unknown reason'}`;
}

export function Header() {
  const engine = useEngineStatus();
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
        <select
          value={lesson ?? ''}
          onChange={(e) => viewStore.getState().openLesson(e.target.value === '' ? null : e.target.value)}
        >
          <option value="">All lessons</option>
          {LESSONS.map((spec) => (
            <option key={spec.id} value={spec.id}>
              {spec.title}
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
