import { useEffect, useState } from 'react';
import type { ExportedFile, ExportFormat, ExportSource } from '@shared/api/commands/exchange';
import type { AppError } from '@shared/api/errors';
import { OFFERED_PERSONAL_DATA_PATHS } from '@shared/redact/attribute-paths';
import type { RedactionPreview as Preview } from '@shared/redact/options';
import { useApi } from '../../app/api-context';
import { asAppError } from '../../stores/app-error';
import { Dialog } from './Dialog';
import { FormatChoice, PersonalDataChoice, type FormatOption } from './ExportChoices';
import { RedactionPreview } from './RedactionPreview';
import { saveFile } from './save-file';

const FORMATS: FormatOption<ExportFormat>[] = [
  { id: 'markdown', label: 'Markdown report', hint: 'A readable log for a support ticket' },
  { id: 'har', label: 'HAR 1.2', hint: 'Opens in browser DevTools and HAR viewers' },
  { id: 'json', label: 'JSON', hint: 'Every field, for tools' },
];

/** Choose a format and the personal data to replace, see what will be redacted, export. */
export function ExportDialog({ source, onClose, save = saveFile }: { source: ExportSource; onClose(): void; save?: (file: ExportedFile) => void }) {
  const api = useApi();
  const [format, setFormat] = useState<ExportFormat>('markdown');
  const [paths, setPaths] = useState<string[]>([...OFFERED_PERSONAL_DATA_PATHS]);
  const [extra, setExtra] = useState('');
  const [bodyLimit, setBodyLimit] = useState(20_000);
  const [preview, setPreview] = useState<{ count: number; preview: Preview }>();
  const [error, setError] = useState<AppError>();
  const [busy, setBusy] = useState(false);
  const personalData = [...paths, ...extra.split(',').map((p) => p.trim()).filter(Boolean)];
  const key = JSON.stringify({ source, personalData });

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      const { source: s, personalData: p } = JSON.parse(key) as { source: ExportSource; personalData: string[] };
      api
        .call('exchange.preview', { source: s, redaction: { personalData: p } })
        .then((result) => live && (setPreview(result), setError(undefined)))
        .catch((e: unknown) => live && setError(asAppError(e)));
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, key]);

  const run = async () => {
    setBusy(true);
    try {
      const file = await api.call('exchange.export', { source, format, redaction: { personalData }, bodyLimit });
      save(file);
      onClose();
    } catch (e) {
      setError(asAppError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Export requests"
      onClose={onClose}
      wide
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" disabled={busy || !preview} onClick={() => void run()}>
            {busy ? 'Exporting…' : `Export ${FORMATS.find((f) => f.id === format)!.label}`}
          </button>
        </>
      }
    >
      <FormatChoice name="export-format" formats={FORMATS} value={format} onChange={setFormat} />
      <PersonalDataChoice
        note={<>Secrets are always replaced, and so is every <code>password</code>.</>}
        paths={paths}
        onPaths={setPaths}
        extra={extra}
        onExtra={setExtra}
        placeholder="e.g. userName, title"
      />
      {format === 'markdown' && (
        <label className="field">
          <span>Cut each body after (characters)</span>
          <input type="number" min={200} step={1000} value={bodyLimit} onChange={(e) => setBodyLimit(Math.max(200, Number(e.target.value) || 200))} />
        </label>
      )}
      {error && (
        <div className="callout callout-error" role="alert">
          {error.message}
        </div>
      )}
      {preview ? <RedactionPreview preview={preview.preview} count={preview.count} /> : !error && <p className="muted">Working out what to redact…</p>}
    </Dialog>
  );
}
