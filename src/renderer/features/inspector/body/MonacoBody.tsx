import type { OnMount } from '@monaco-editor/react';
import JsonViewer from '../../../monaco/JsonViewer';

/** What the body panel can ask of the editor. */
export interface BodyEditorHandle {
  /** opens Monaco's find widget (Ctrl/Cmd+F inside the editor does the same) */
  find(): void;
}

interface MonacoBodyProps {
  value: string;
  language: 'json' | 'plaintext';
  label: string;
  onReady?(handle: BodyEditorHandle): void;
}

/** A body in read-only Monaco, filling the inspector's body pane (loaded lazily). */
export default function MonacoBody({ value, language, label, onReady }: MonacoBodyProps) {
  const mount: OnMount = (editor) =>
    onReady?.({
      find() {
        editor.focus();
        void editor.getAction('actions.find')?.run();
      },
    });
  return <JsonViewer value={value} language={language} label={label} height="100%" className="ins-monaco" onMount={mount} />;
}
