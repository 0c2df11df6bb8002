import { Fragment, useState } from 'react';
import type { ScimAttribute, ScimSchema } from '@shared/scim';
import { characteristicText, CHARACTERISTICS, type Characteristic, type DefiningRfc, type SchemaDiff } from './schema-diff';

const LEFT_OUT_SOURCES: DefiningRfc[] = ['RFC 7643', 'RFC 9865'];

const HEADINGS: Record<Characteristic, string> = {
  type: 'Type',
  multiValued: 'Multi',
  required: 'Required',
  mutability: 'Mutability',
  returned: 'Returned',
  uniqueness: 'Uniqueness',
  caseExact: 'Case exact',
  canonicalValues: 'Canonical values',
  referenceTypes: 'Reference types',
};

interface Row {
  attribute: ScimAttribute;
  path: string;
  depth: number;
  hasChildren: boolean;
}

function matches(attribute: ScimAttribute, path: string, needle: string): boolean {
  return path.toLowerCase().includes(needle) || attribute.description.toLowerCase().includes(needle);
}

/** The attributes to show: all (expanded ones opened), or those matching the search with their parents. */
function visibleRows(schema: ScimSchema, expanded: ReadonlySet<string>, needle: string): Row[] {
  const rows: Row[] = [];
  const walk = (attributes: readonly ScimAttribute[], prefix: string, depth: number): boolean => {
    let any = false;
    for (const attribute of attributes) {
      const path = prefix + attribute.name;
      const children = attribute.subAttributes ?? [];
      const at = rows.length;
      rows.push({ attribute, path, depth, hasChildren: children.length > 0 });
      if (needle) {
        const childMatch = walk(children, `${path}.`, depth + 1);
        if (matches(attribute, path, needle) || childMatch) any = true;
        else rows.splice(at);
      } else {
        any = true;
        if (expanded.has(path.toLowerCase())) walk(children, `${path}.`, depth + 1);
      }
    }
    return any;
  };
  walk(schema.attributes, '', 0);
  return rows;
}

interface SchemaTreeProps {
  schema: ScimSchema;
  diff: SchemaDiff;
  /** lower-case search text ('' shows everything) */
  needle: string;
}

/** One schema's attributes with every characteristic; where the server differs from RFC 7643, marked. */
export function SchemaTree({ schema, diff, needle }: SchemaTreeProps) {
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const rows = visibleRows(schema, expanded, needle);
  const toggle = (path: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      const key = path.toLowerCase();
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  const allPaths = () => {
    const out: string[] = [];
    const walk = (list: readonly ScimAttribute[], prefix: string) => {
      for (const a of list) {
        if (a.subAttributes?.length) {
          out.push((prefix + a.name).toLowerCase());
          walk(a.subAttributes, `${prefix}${a.name}.`);
        }
      }
    };
    walk(schema.attributes, '');
    return out;
  };

  return (
    <div className="dsc-tree">
      {!needle && (
        <div className="dsc-tree-actions">
          <button type="button" className="btn btn-quiet" onClick={() => setExpanded(new Set(allPaths()))}>
            Expand all
          </button>
          <button type="button" className="btn btn-quiet" onClick={() => setExpanded(new Set())}>
            Collapse all
          </button>
        </div>
      )}
      {rows.length === 0 ? (
        <p className="ins-faint">No attribute matches.</p>
      ) : (
        <table className="dsc-table dsc-attrs" aria-label={`Attributes of ${schema.name || schema.id}`}>
          <thead>
            <tr>
              <th scope="col">Attribute</th>
              {CHARACTERISTICS.map((c) => (
                <th key={c} scope="col">
                  {HEADINGS[c]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ attribute, path, depth, hasChildren }) => {
              const d = diff.attributes.get(path.toLowerCase());
              const open = needle !== '' || expanded.has(path.toLowerCase());
              return (
                <tr key={path} className={d?.added ? 'dsc-added' : undefined} data-path={path}>
                  <th scope="row" style={{ paddingLeft: 8 + depth * 18 }}>
                    <div className="dsc-attr-name">
                      {hasChildren ? (
                        <button type="button" className="dsc-twisty" aria-expanded={open} aria-label={`${open ? 'Collapse' : 'Expand'} ${path}`} onClick={() => toggle(path)} disabled={needle !== ''}>
                          {open ? '▾' : '▸'}
                        </button>
                      ) : (
                        <span className="dsc-twisty-space" />
                      )}
                      <code>{attribute.name}</code>
                      {d?.added && <span className="dsc-badge dsc-badge-added">not in RFC 7643</span>}
                    </div>
                    {attribute.description && (
                      <div className="dsc-desc" title={attribute.description}>
                        {attribute.description}
                      </div>
                    )}
                  </th>
                  {CHARACTERISTICS.map((c) => {
                    const rfc = d?.changed[c];
                    const source = d?.rfc ?? 'RFC 7643';
                    const value = characteristicText(attribute, c);
                    return (
                      <td key={c} className={rfc !== undefined ? 'dsc-diff' : undefined} title={rfc !== undefined ? `${source}: ${rfc}` : undefined}>
                        {c === 'multiValued' || c === 'required' || c === 'caseExact' ? (value === 'true' ? 'yes' : 'no') : value}
                        {rfc !== undefined && (
                          <span className="dsc-rfc-was">
                            {' '}
                            ({source}: {rfc})
                          </span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {!needle &&
        LEFT_OUT_SOURCES.map((rfc) => {
          const paths = diff.missing.filter((m) => m.rfc === rfc).map((m) => m.path);
          if (paths.length === 0) return null;
          return (
            <p key={rfc} className="dsc-missing" aria-label={`Left out, defined by ${rfc}`}>
              Left out ({rfc} defines {paths.length === 1 ? 'it' : 'them'}
              {rfc === 'RFC 9865' ? ', for cursor paging' : ''}):{' '}
              {paths.map((path, i) => (
                <Fragment key={path}>
                  {i > 0 && ', '}
                  <code>{path}</code>
                </Fragment>
              ))}
            </p>
          );
        })}
    </div>
  );
}
