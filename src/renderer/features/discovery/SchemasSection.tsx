import { useMemo } from 'react';
import type { SchemaRegistry, ScimAttribute, ScimSchema } from '@shared/scim';
import { diffSchema } from './schema-diff';
import { SchemaTree } from './SchemaTree';

interface SchemasSectionProps {
  registry: SchemaRegistry;
  selected?: string;
  onSelect(urn: string): void;
  query: string;
  onQuery(query: string): void;
}

function countMatches(attributes: readonly ScimAttribute[], needle: string, prefix = ''): number {
  let n = 0;
  for (const a of attributes) {
    const path = prefix + a.name;
    if (path.toLowerCase().includes(needle) || a.description.toLowerCase().includes(needle)) n++;
    n += countMatches(a.subAttributes ?? [], needle, `${path}.`);
  }
  return n;
}

function role(registry: SchemaRegistry, schema: ScimSchema): string {
  if (registry.isBaseSchema(schema.id)) return 'resource';
  if (registry.isExtension(schema.id)) return 'extension';
  return 'other';
}

/** Every schema the server serves, one open at a time; the search looks through all of them. */
export function SchemasSection({ registry, selected, onSelect, query, onQuery }: SchemasSectionProps) {
  const diffs = useMemo(() => new Map(registry.schemas.map((s) => [s.id, diffSchema(s)])), [registry]);
  const needle = query.trim().toLowerCase();
  const current = registry.schemas.find((s) => s.id.toLowerCase() === selected?.toLowerCase()) ?? registry.schemas[0];
  const results = needle ? registry.schemas.map((s) => ({ schema: s, count: countMatches(s.attributes, needle) })).filter((r) => r.count > 0) : [];

  return (
    <div className="dsc-section dsc-schemas">
      <div className="dsc-schema-bar">
        <input
          type="search"
          className="ins-input dsc-search"
          placeholder="Search attributes in every schema (name or description)"
          aria-label="Search attributes"
          value={query}
          onChange={(e) => onQuery(e.target.value)}
        />
      </div>
      <div className="dsc-schema-layout">
        <nav aria-label="Schemas" className="dsc-schema-list">
          <ul>
            {registry.schemas.map((schema) => {
              const diff = diffs.get(schema.id)!;
              const isCurrent = !needle && schema === current;
              return (
                <li key={schema.id}>
                  <button type="button" aria-current={isCurrent ? 'true' : undefined} className="dsc-schema-item" onClick={() => onSelect(schema.id)} title={schema.id}>
                    <span className="dsc-schema-name">{schema.name || schema.id.split(':').pop()}</span>
                    <span className="dsc-schema-meta">
                      {role(registry, schema)} · {schema.attributes.length} attributes
                      {diff.core ? (diff.differences ? ` · ${diff.differences} differ from RFC` : ' · as in RFC') : ' · server’s own'}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </nav>
        <div className="dsc-schema-main">
          {needle ? (
            results.length === 0 ? (
              <p className="ins-empty">No attribute of any schema matches “{query}”.</p>
            ) : (
              results.map(({ schema, count }) => (
                <section key={schema.id} aria-label={`Matches in ${schema.name || schema.id}`} className="dsc-schema-block">
                  <h3>
                    {schema.name || schema.id} <span className="ins-faint">({count})</span>
                  </h3>
                  <SchemaTree schema={schema} diff={diffs.get(schema.id)!} needle={needle} />
                </section>
              ))
            )
          ) : current ? (
            <section aria-label={`Schema ${current.name || current.id}`} className="dsc-schema-block">
              <h3>{current.name || current.id}</h3>
              <p className="ins-faint dsc-schema-urn">
                <code>{current.id}</code>
              </p>
              {current.description && <p className="dsc-desc">{current.description}</p>}
              {diffs.get(current.id)!.core && diffs.get(current.id)!.differences > 0 && (
                <p className="ins-callout ins-callout-info" role="note">
                  Highlighted: where this server’s definition differs from RFC 7643 ({diffs.get(current.id)!.differences}).
                </p>
              )}
              <SchemaTree key={current.id} schema={current} diff={diffs.get(current.id)!} needle="" />
            </section>
          ) : (
            <p className="ins-empty">The server defines no schema.</p>
          )}
        </div>
      </div>
    </div>
  );
}
