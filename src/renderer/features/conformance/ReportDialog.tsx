import { useState } from 'react';
import type { ExportedFile } from '@shared/api/commands/exchange';
import type { AppError } from '@shared/api/errors';
import type { ConformanceRun, ReportFormat } from '@shared/model/conformance';
import { OFFERED_PERSONAL_DATA_PATHS } from '@shared/redact/attribute-paths';
import { useApi } from '../../app/api-context';
import { asAppError } from '../../stores/app-error';
import { Dialog } from '../exchange/Dialog';
import { FormatChoice, PersonalDataChoice, type FormatOption } from '../exchange/ExportChoices';
import { saveFile } from '../exchange/save-file';

const FORMATS: FormatOption<ReportFormat>[] = [
  { id: 'html', label: 'HTML report', hint: 'One self-contained page: opens offline, for a ticket or a gallery submission' },
  { id: 'markdown', label: 'Markdown', hint: 'For an issue or a pull request' },
  { id: 'junit', label: 'JUnit XML', hint: 'For CI: a testcase per check (warnings pass with a WARNING line)' },
  { id: 'json', label: 'JSON', hint: 'The summary and every check, for tools' },
];

/** Choose a report format and the personal data to replace; the file is saved as a download (a save dialog on the desktop). */
export function ReportDialog({ run, onClose, save = saveFile }: { run: ConformanceRun; onClose(): void; save?: (file: ExportedFile) => void }) {
  const api = useApi();
  const [format, setFormat] = useState<ReportFormat>('html');
  const [paths, setPaths] = useState<string[]>([...OFFERED_PERSONAL_DATA_PATHS]);
  const [extra, setExtra] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError>();
  const personalData = [...paths, ...extra.split(',').map((p) => p.trim()).filter(Boolean)];

  const exportNow = async () => {
    setBusy(true);
    try {
      save(await api.call('conformance.export', { runId: run.runId, format, redaction: { personalData } }));
      onClose();
    } catch (e) {
      setError(asAppError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Export conformance report"
      onClose={onClose}
      wide
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void exportNow()}>
            {busy ? 'Exporting…' : `Export ${FORMATS.find((f) => f.id === format)!.label}`}
          </button>
        </>
      }
    >
      <FormatChoice name="report-format" formats={FORMATS} value={format} onChange={setFormat} />
      <PersonalDataChoice
        note={<>Secrets are always replaced, and so is every <code>password</code>. Ticked values get the same placeholder in the findings and in the request and response bodies.</>}
        paths={paths}
        onPaths={setPaths}
        extra={extra}
        onExtra={setExtra}
        placeholder="e.g. userName, externalId"
      />
      {error && (
        <div className="callout callout-error" role="alert">
          {error.message}
        </div>
      )}
    </Dialog>
  );
}
