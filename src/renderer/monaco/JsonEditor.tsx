import Editor, { type OnMount } from '@monaco-editor/react';
import { useEffect, useRef, useState } from 'react';
import { monaco } from './setup';
import { assignSchema } from './json-schemas';
import { useMonacoTheme } from './theme';

import type { EditorMarker } from './editor-marker';

export type { EditorMarker } from './editor-marker';

export interface JsonEditorProps {
  value: string;
  onChange(value: string): void;
  /** accessible name of the editor */
  label: string;
  /** unique per document, e.g. `inmemory://scim/<tab>/body.json`; the model (and its undo stack) lives under it */
  modelUri: string;
  /** JSON Schema the body is checked against: completion, hovers, errors and readOnly warnings */
  schema?: object | undefined;
  /** more problems to mark, computed from the text (debounced) */
  check?: ((text: string) => EditorMarker[]) | undefined;
  height?: number | string;
  /** Ctrl/Cmd+Enter */
  onSubmit?: (() => void) | undefined;
  /** show the list of problems under the editor */
  problems?: boolean;
  /** a small editor (PATCH values): no line numbers, no folding margin */
  compact?: boolean;
  readOnly?: boolean;
}

interface Problem {
  severity: 'error' | 'warning' | 'info';
  message: string;
  line: number;
  column: number;
  source: string;
}

const SEVERITY = { error: 8, warning: 4, info: 2 } as const;

function severityOf(value: number): Problem['severity'] {
  return value >= 8 ? 'error' : value >= 4 ? 'warning' : 'info';
}

/**
 * An editable JSON document in Monaco (local bundle, loaded lazily): schema-driven completion and
 * validation, SCIM checks as markers, and a problem list a keyboard or screen-reader user can read
 * and jump from.
 */
export default function JsonEditor({ value, onChange, label, modelUri, schema, check, height = '100%', onSubmit, problems = true, compact = false, readOnly = false }: JsonEditorProps) {
  const theme = useMonacoTheme();
  const editorRef = useRef<Parameters<OnMount>[0] | null>(null);
  const submit = useRef(onSubmit);
  submit.current = onSubmit;
  const [found, setFound] = useState<Problem[]>([]);
  const [mounted, setMounted] = useState(0);

  useEffect(() => {
    assignSchema(modelUri, schema);
  }, [modelUri, schema]);
  useEffect(() => () => assignSchema(modelUri, undefined), [modelUri]);

  // SCIM checks, a little after typing stops
  useEffect(() => {
    const model = monaco.editor.getModel(monaco.Uri.parse(modelUri));
    if (!model) return;
    if (!check) {
      monaco.editor.setModelMarkers(model, 'scim', []);
      return;
    }
    const timer = setTimeout(() => {
      if (model.isDisposed()) return;
      const markers = check(model.getValue()).map((m) => {
        const start = model.getPositionAt(m.offset);
        const end = model.getPositionAt(m.offset + Math.max(m.length, 1));
        return {
          severity: SEVERITY[m.severity],
          message: m.message,
          source: m.source ?? 'SCIM',
          startLineNumber: start.lineNumber,
          startColumn: start.column,
          endLineNumber: end.lineNumber,
          endColumn: end.column,
        };
      });
      monaco.editor.setModelMarkers(model, 'scim', markers);
    }, 250);
    return () => clearTimeout(timer);
  }, [value, check, modelUri, mounted]);

  useEffect(() => {
    const uri = monaco.Uri.parse(modelUri);
    const read = () => {
      const markers = monaco.editor.getModelMarkers({ resource: uri });
      setFound(
        markers
          .map((m) => ({ severity: severityOf(m.severity), message: m.message, line: m.startLineNumber, column: m.startColumn, source: m.source ?? (m.owner === 'json' ? 'JSON Schema' : m.owner) }))
          .sort((a, b) => SEVERITY[b.severity] - SEVERITY[a.severity] || a.line - b.line || a.column - b.column),
      );
    };
    read();
    const listener = monaco.editor.onDidChangeMarkers((uris) => {
      if (uris.some((u) => u.toString() === uri.toString())) read();
    });
    return () => listener.dispose();
  }, [modelUri, mounted]);

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    setMounted((n) => n + 1);
    editor.addAction({
      id: 'scim.send',
      label: 'Send request',
      keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
      run: () => submit.current?.(),
    });
  };

  const reveal = (p: Problem) => {
    const editor = editorRef.current;
    if (!editor) return;
    editor.revealPositionInCenter({ lineNumber: p.line, column: p.column });
    editor.setPosition({ lineNumber: p.line, column: p.column });
    editor.focus();
  };

  const errors = found.filter((p) => p.severity === 'error').length;
  const warnings = found.filter((p) => p.severity === 'warning').length;
  return (
    <div className={`json-editor ${compact ? 'is-compact' : ''}`}>
      <div className="json-editor-frame" role="group" aria-label={label}>
        <Editor
          height={height}
          language="json"
          path={modelUri}
          value={value}
          theme={theme}
          onMount={onMount}
          onChange={(next) => onChange(next ?? '')}
          loading={<span className="muted small">Loading editor…</span>}
          options={{
            readOnly,
            minimap: { enabled: false },
            folding: !compact,
            lineNumbers: compact ? 'off' : 'on',
            glyphMargin: false,
            lineDecorationsWidth: compact ? 4 : 8,
            lineNumbersMinChars: 3,
            scrollBeyondLastLine: false,
            fontSize: 12.5,
            tabSize: 2,
            automaticLayout: true,
            wordWrap: 'on',
            renderLineHighlight: compact ? 'none' : 'line',
            quickSuggestions: { strings: true, other: true, comments: false },
            suggestOnTriggerCharacters: true,
            fixedOverflowWidgets: true,
            ariaLabel: label,
            scrollbar: { alwaysConsumeMouseWheel: false },
          }}
        />
      </div>
      {problems && found.length > 0 && (
        <div className="json-problems" role="region" aria-label={`${label} problems`}>
          <div className="json-problems-head">
            {errors > 0 && <span className="sev-error">{errors} error{errors === 1 ? '' : 's'}</span>}
            {warnings > 0 && <span className="sev-warning">{warnings} warning{warnings === 1 ? '' : 's'}</span>}
          </div>
          <ul>
            {found.slice(0, 50).map((p, i) => (
              <li key={i}>
                <button type="button" className={`json-problem sev-${p.severity}`} onClick={() => reveal(p)}>
                  <span className="json-problem-where mono">
                    {p.line}:{p.column}
                  </span>
                  <span className="json-problem-message">{p.message}</span>
                  <span className="json-problem-source">{p.source}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
