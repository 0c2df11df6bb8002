import type { RedactionPreview as Preview } from '@shared/redact/options';

/** What the export will replace, listed before it is written. */
export function RedactionPreview({ preview, count }: { preview: Preview; count: number }) {
  return (
    <section className="redaction-preview" aria-label="Redaction preview">
      <h3>What will be replaced in these {count} request(s)</h3>
      <ul className="redaction-facts">
        <li>
          Credential headers:{' '}
          {preview.secretHeaders.length ? preview.secretHeaders.map((h) => `${h.name} ×${h.count}`).join(', ') : <span className="muted">none in these requests</span>}
        </li>
        <li>Known secret values (tokens, passwords from the vault): {preview.secretValues}</li>
        <li>
          <code>password</code> attribute values: {preview.alwaysRedacted}
        </li>
      </ul>
      {preview.personalData.length === 0 ? (
        <p className="muted">No personal data found under the selected attributes.</p>
      ) : (
        <table className="data-table">
          <caption>Personal data → placeholder (the same value gets the same placeholder everywhere)</caption>
          <thead>
            <tr>
              <th scope="col">Attribute</th>
              <th scope="col">Value here</th>
              <th scope="col">In the export</th>
              <th scope="col">Times</th>
            </tr>
          </thead>
          <tbody>
            {preview.personalData.map((row) => (
              <tr key={row.pseudonym}>
                <td>
                  <code>{row.path}</code>
                </td>
                <td>{row.original}</td>
                <td>
                  <code>{row.pseudonym}</code>
                </td>
                <td>{row.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
