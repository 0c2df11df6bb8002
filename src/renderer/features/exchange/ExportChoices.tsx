import type { ReactNode } from 'react';
import { OFFERED_PERSONAL_DATA_PATHS } from '@shared/redact/attribute-paths';

export interface FormatOption<F extends string> {
  id: F;
  label: string;
  hint: string;
}

/** The export formats as radio cards (the request-log export and the conformance report). */
export function FormatChoice<F extends string>({ name, formats, value, onChange }: { name: string; formats: readonly FormatOption<F>[]; value: NoInfer<F>; onChange(format: NoInfer<F>): void }) {
  return (
    <fieldset className="export-formats">
      <legend>Format</legend>
      {formats.map((f) => (
        <label key={f.id} className="radio-card">
          <input type="radio" name={name} value={f.id} checked={value === f.id} onChange={() => onChange(f.id)} />
          <span>
            <strong>{f.label}</strong>
            <span className="muted small"> {f.hint}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/** Which personal data an export replaces: the offered attribute paths, and more typed by hand. */
export function PersonalDataChoice({
  note,
  paths,
  onPaths,
  extra,
  onExtra,
  placeholder,
}: {
  note: ReactNode;
  paths: readonly string[];
  onPaths(update: (paths: string[]) => string[]): void;
  extra: string;
  onExtra(extra: string): void;
  placeholder: string;
}) {
  return (
    <fieldset className="export-personal">
      <legend>Replace personal data</legend>
      <p className="muted small">{note}</p>
      {OFFERED_PERSONAL_DATA_PATHS.map((path) => (
        <label key={path} className="check">
          <input type="checkbox" checked={paths.includes(path)} onChange={(e) => onPaths((p) => (e.target.checked ? [...p, path] : p.filter((x) => x !== path)))} />
          <code>{path}</code>
        </label>
      ))}
      <label className="field">
        <span>More attributes (comma-separated)</span>
        <input type="text" value={extra} placeholder={placeholder} onChange={(e) => onExtra(e.target.value)} />
      </label>
    </fieldset>
  );
}
