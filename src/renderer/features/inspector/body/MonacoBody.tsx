import Editor from '@monaco-editor/react';
import '../../../monaco/setup';
import { useMonacoTheme } from '../../../monaco/theme';

interface MonacoBodyProps {
  value: string;
  language: 'json' | 'plaintext';
  label: string;
}

/** A body in read-only Monaco with folding (loaded lazily, so Monaco stays out of the first paint). */
export default function MonacoBody({ value, language, label }: MonacoBodyProps) {
  const theme = useMonacoTheme();
  return (
    <div className="ins-monaco" role="region" aria-label={label}>
      <Editor
        height="100%"
        language={language}
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
          wordWrap: 'off',
          renderLineHighlight: 'none',
          ariaLabel: label,
        }}
      />
    </div>
  );
}
