import type { DiscoveredDocument } from '@shared/api/commands/discovery';
import type { SchemaRegistry } from '@shared/scim';
import { DocumentError } from './DocumentError';

interface ResourceTypesListProps {
  document: DiscoveredDocument;
  registry: SchemaRegistry;
  onShowSchema(urn: string): void;
}

/**
 * Why no list from the server is shown, without contradicting the error above it: a document that
 * could not be read says nothing about what the server lists.
 */
function standInNote(document: DiscoveredDocument, standIns: boolean): string {
  if (document.error) return standIns ? `Until ${document.path} can be read, the resource types RFC 7643 defines are assumed.` : `Until ${document.path} can be read, no resource type is known.`;
  return standIns ? 'The server lists no resource types; the ones RFC 7643 defines are assumed in their place.' : 'The server lists no resource types.';
}

/** Each resource type with its endpoint, base schema and extensions (required or optional). */
export function ResourceTypesList({ document, registry, onShowSchema }: ResourceTypesListProps) {
  const served = !document.error && (document.resources?.length ?? 0) > 0;
  const schemaLink = (urn: string) => {
    const schema = registry.schema(urn);
    return schema ? (
      <button type="button" className="btn-link dsc-urn" onClick={() => onShowSchema(schema.id)} aria-label={`Show schema ${schema.name || urn}`}>
        {urn}
      </button>
    ) : (
      <span className="dsc-urn" title="This schema is not known: its attributes cannot be shown">
        {urn} <span className="ins-faint">(not listed in /Schemas)</span>
      </span>
    );
  };
  return (
    <div className="dsc-section">
      {document.error && <DocumentError document={document} />}
      {!served && <p className="ins-callout ins-callout-info" role="note" aria-label="About these resource types">{standInNote(document, registry.resourceTypes.length > 0)}</p>}
      {registry.resourceTypes.length > 0 && (
        <table className="dsc-table" aria-label="Resource types">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Endpoint</th>
              <th scope="col">Schema</th>
              <th scope="col">Extensions</th>
            </tr>
          </thead>
          <tbody>
            {registry.resourceTypes.map((rt) => (
              <tr key={rt.id}>
                <th scope="row">
                  {rt.name}
                  {rt.description && rt.description !== rt.name && <div className="ins-faint dsc-desc">{rt.description}</div>}
                </th>
                <td>
                  <code>{rt.endpoint}</code>
                </td>
                <td>{schemaLink(rt.schema)}</td>
                <td>
                  {rt.schemaExtensions.length === 0 ? (
                    <span className="ins-faint">none</span>
                  ) : (
                    <ul className="dsc-ext-list">
                      {rt.schemaExtensions.map((ext) => (
                        <li key={ext.schema}>
                          {schemaLink(ext.schema)} <span className={`chip ${ext.required ? 'chip-on' : 'chip-off'}`}>{ext.required ? 'required' : 'optional'}</span>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
