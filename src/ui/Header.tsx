import { useEffect, useState } from 'react';
import type { EngineStatus, FitThreads } from '../../workers/protocol.ts';
import { LESSONS } from '../experiments/registry.ts';
import { dismissEngineLost, useEngineLost, useEngineStatus } from './engine-status.ts';
import { engineWorker } from './engine-worker.ts';
import { shareLink } from './share-link.ts';
import { useView, viewStore } from './use-view.ts';

/** What the header says about the engine: WebGPU, the CPU by choice (policy), or the CPU as a fallback. */
export function engineLabel(engine: EngineStatus | null): string {
  if (!engine) return 'starting…';
  if (engine.backend === 'webgpu') return `WebGPU (${engine.adapter ?? 'unknown adapter'})`;
  return `${engine.chosen ? 'CPU' : 'CPU fallback'}: ${engine.fallbackReason ?? 'unknown reason'}`;
}

/** How many threads the fits use, asked once the engine has answered (asking would otherwise start it). */
function FitThreadsNote() {
  const engineUp = useEngineStatus() !== null;
  const [fit, setFit] = useState<FitThreads | null>(null);
  useEffect(() => {
    if (!engineUp) return;
    let current = true;
    engineWorker()
      .fitThreads()
      .then(
        (answer) => current && setFit(answer),
        () => undefined,
      );
    return () => {
      current = false;
    };
  }, [engineUp]);
  if (!fit) return null;
  return (
    <p role="status" data-testid="fit-threads" className="engine-status">
      Fits: {fit.threads === 1 ? 'one thread' : `${fit.threads} threads`}
      {fit.note && ` (${fit.note})`}
    </p>
  );
}

/** How long "Link copied" stays on screen. */
const COPIED_MS = 2500;

/** Presentation mode: on entering, the page also asks for full screen (a browser may refuse; the layout holds). */
function togglePresenting(present: boolean) {
  viewStore.getState().setPresenting(present);
  if (present) void document.documentElement.requestFullscreen?.().catch(() => undefined);
  else if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
}

export function Header() {
  const engine = useEngineStatus();
  const lesson = useView((s) => s.view.lesson);
  const present = useView((s) => s.view.present);
  const [copied, setCopied] = useState<{ text: string; temporary: boolean } | null>(null);
  useEffect(() => {
    if (!copied?.temporary) return;
    const timer = window.setTimeout(() => setCopied(null), COPIED_MS);
    return () => window.clearTimeout(timer);
  }, [copied]);
  const copyLink = async () => {
    const link = shareLink(viewStore.getState().view);
    try {
      await navigator.clipboard.writeText(link);
      setCopied({ text: 'Link copied', temporary: true });
    } catch {
      setCopied({ text: `Copy this link: ${link}`, temporary: false });
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
      <FitThreadsNote />
      <button type="button" onClick={() => void copyLink()} data-testid="copy-link">
        Copy link
      </button>
      <button type="button" aria-pressed={present} onClick={() => togglePresenting(!present)}>
        Presentation mode
      </button>
      {copied && (
        <span role="status" className="copied">
          {copied.text}
        </span>
      )}
    </header>
  );
}

/** Says when the engine worker had to be replaced (its results are recomputed by the new one). */
function EngineLost() {
  const lost = useEngineLost();
  if (!lost) return null;
  return (
    <div role="alert" className="notices" data-testid="engine-lost">
      The engine stopped ({lost}) and was restarted; what it was computing is computed again.{' '}
      <button type="button" onClick={dismissEngineLost}>
        Dismiss
      </button>
    </div>
  );
}

function LinkNotices() {
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

export function Notices() {
  return (
    <>
      <LinkNotices />
      <EngineLost />
    </>
  );
}
