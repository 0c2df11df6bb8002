import Editor, { type OnMount } from '@monaco-editor/react';
import './setup';
import { useMonacoTheme } from './theme';

interface JsonViewerProps {
  value: string;
  label: string;
  language?: 'json' | 'plaintext';
  height?: number | string;
  /** the frame's class (its size and border) */
  className?: string;
  /** the editor is ready (for its find widget and other actions) */
  onMount?: OnMount;
}

/** Read-only text in Monaco with folding; loaded lazily so Monaco stays out of the first paint. */
export default function JsonViewer({ value, label, language = 'json', height = 300, className = 'monaco-frame', onMount }: JsonViewerProps) {
  const theme = useMonacoTheme();
  return (
    <div className={className} aria-label={label} role="region">
      <Editor
        height={height}
        language={language}
        value={value}
        theme={theme}
        {...(onMount ? { onMount } : {})}
        options={{
          readOnly: true,
          domReadOnly: true,
          minimap: { enabled: false },
          folding: true,
          scrollBeyondLastLine: false,
          fontSize: 12.5,
          lineNumbersMinChars: 3,
          automaticLayout: true,
          wordWrap: 'off',
          renderLineHighlight: 'none',
          ariaLabel: label,
        }}
      />
    </div>
  );
}
