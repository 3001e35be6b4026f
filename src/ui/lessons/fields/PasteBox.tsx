/**
 * Your own structure: paste extended XYZ and press "Show", drop a file on the box, or open one. The text is read
 * with the project's parser on the page; a problem is shown with its frame and line and nothing else changes.
 */
import { useState, type DragEvent } from 'react';
import { readPastedStructure, type PastedStructure } from '../../../experiments/fields/paste.ts';

/** `onStructure` shows a structure that was read, and answers with what links will do with it. */
export function PasteBox({ onStructure }: { onStructure: (structure: PastedStructure) => Promise<string> }) {
  const [text, setText] = useState('');
  const [status, setStatus] = useState<{ error: boolean; text: string } | null>(null);
  const [dragging, setDragging] = useState(false);
  const show = (input: string, from: string) => {
    const outcome = readPastedStructure(input);
    if (!outcome.ok) {
      setStatus({ error: true, text: `${from}: ${outcome.message}` });
      return;
    }
    onStructure(outcome.structure).then(
      (link) => setStatus({ error: false, text: `${from}: shown (${outcome.note}); ${link}.` }),
      (e: unknown) => setStatus({ error: true, text: `${from}: not shown: ${String(e)}` }),
    );
  };
  const openFile = (file: File | undefined) => {
    if (!file) return;
    file.text().then(
      (content) => {
        setText(content);
        show(content, file.name);
      },
      (e: unknown) => setStatus({ error: true, text: `${file.name} could not be read: ${String(e)}` }),
    );
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    openFile(e.dataTransfer.files[0]);
  };
  return (
    <section
      className={`paste-box${dragging ? ' dragging' : ''}`}
      aria-labelledby="paste-title"
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <h3 id="paste-title">Your structure</h3>
      <label htmlFor="paste-text">
        Extended XYZ (paste here, or drop a file on this box; the first frame is shown)
      </label>
      <textarea
        id="paste-text"
        rows={6}
        spellCheck={false}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={'3\nwater\nO 0 0 0\nH 0.757 0 0.587\nH -0.757 0 0.587'}
      />
      <div className="paste-actions">
        <button type="button" onClick={() => show(text, 'Pasted text')} disabled={text.trim() === ''}>
          Show this structure
        </button>
        <label className="file-button">
          Open a file…
          <input
            type="file"
            accept=".xyz,.extxyz,text/plain"
            onChange={(e) => {
              openFile(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
        </label>
      </div>
      {status && (
        <p
          role={status.error ? 'alert' : 'status'}
          className={status.error ? 'paste-error' : 'paste-note'}
          data-testid="paste-status"
        >
          {status.text}
        </p>
      )}
    </section>
  );
}
