import Editor from '@monaco-editor/react';
import './setup';
import { useMonacoTheme } from './theme';

interface JsonViewerProps {
  value: string;
  label: string;
  height?: number | string;
}

/** Read-only JSON with folding; loaded lazily so Monaco stays out of the first paint. */
export default function JsonViewer({ value, label, height = 300 }: JsonViewerProps) {
  const theme = useMonacoTheme();
  return (
    <div className="monaco-frame" aria-label={label} role="region">
      <Editor
        height={height}
        language="json"
        value={value}
        theme={theme}
        options={{
          readOnly: true,
          domReadOnly: true,
          minimap: { enabled: false },
          folding: true,
          scrollBeyondLastLine: false,
          fontSize: 12.5,
          lineNumbersMinChars: 3,
          automaticLayout: true,
          ariaLabel: label,
        }}
      />
    </div>
  );
}
