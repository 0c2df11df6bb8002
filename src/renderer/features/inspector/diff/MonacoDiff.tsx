import { DiffEditor, type DiffOnMount } from '@monaco-editor/react';
import { useEffect, useId, useRef } from 'react';
import '../../../monaco/setup';
import { useMonacoTheme } from '../../../monaco/theme';

interface MonacoDiffProps {
  original: string;
  modified: string;
  language: 'json' | 'plaintext';
  sideBySide: boolean;
  label: string;
  /** the number of changed blocks, once the diff is computed */
  onChanges?(count: number): void;
}

/** Two texts in Monaco's diff editor, read-only (local bundle, loaded lazily). */
export default function MonacoDiff({ original, modified, language, sideBySide, label, onChanges }: MonacoDiffProps) {
  const theme = useMonacoTheme();
  const id = useId().replace(/[^a-z0-9]/gi, '');
  const models = useRef<{ dispose(): void }[]>([]);
  const mount: DiffOnMount = (editor) => {
    const report = () => onChanges?.(editor.getLineChanges()?.length ?? 0);
    editor.onDidUpdateDiff(report);
    report();
    const { original: before, modified: after } = editor.getModel() ?? {};
    models.current = [before, after].filter((m) => m !== undefined);
  };
  // the models are kept past the editor (disposing them first makes the diff widget throw) and go right after it
  useEffect(
    () => () => {
      const owned = models.current;
      setTimeout(() => owned.forEach((m) => m.dispose()), 0);
    },
    [],
  );
  return (
    <div className="ins-diff-frame" role="region" aria-label={label}>
      <DiffEditor
        height="100%"
        original={original}
        modified={modified}
        language={language}
        theme={theme}
        originalModelPath={`inmemory://scim/diff-${id}/before.json`}
        modifiedModelPath={`inmemory://scim/diff-${id}/after.json`}
        keepCurrentOriginalModel
        keepCurrentModifiedModel
        onMount={mount}
        options={{
          readOnly: true,
          originalEditable: false,
          renderSideBySide: sideBySide,
          // the layout switch decides, not the width
          useInlineViewWhenSpaceIsLimited: false,
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          fontSize: 12.5,
          automaticLayout: true,
          renderOverviewRuler: true,
          ignoreTrimWhitespace: false,
        }}
      />
    </div>
  );
}
