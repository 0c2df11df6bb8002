import type { DiscoveredDocument } from '@shared/api/commands/discovery';
import { DocumentError } from './DocumentError';
import { readServiceProviderConfig } from './service-provider-config';

/** The ServiceProviderConfig as one card per capability, then the authentication schemes. */
export function CapabilityCards({ document }: { document: DiscoveredDocument }) {
  if (document.error || document.document === undefined) return <DocumentError document={document} />;
  const facts = readServiceProviderConfig(document.document);
  return (
    <div className="dsc-section">
      {facts.problems.length > 0 && (
        <div className="ins-callout ins-callout-warn" role="note" aria-label="ServiceProviderConfig problems">
          <p>The ServiceProviderConfig departs from RFC 7643 §5:</p>
          <ul className="ins-plain-list">
            {facts.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      <ul className="dsc-cards" aria-label="Capabilities">
        {facts.capabilities.map((c) => (
          <li key={c.key} className={`dsc-card ${c.supported ? 'dsc-card-on' : ''}`} aria-label={`${c.title}: ${c.supported === undefined ? 'not stated' : c.supported ? 'supported' : 'not supported'}`}>
            <div className="dsc-card-head">
              <h3>{c.title}</h3>
              <span className={`chip ${c.supported ? 'chip-on' : 'chip-off'}`}>{c.supported === undefined ? 'not stated' : c.supported ? 'supported' : 'not supported'}</span>
            </div>
            <p className="dsc-card-meaning">{c.meaning}</p>
            {c.details.length > 0 && (
              <dl className="dsc-card-facts">
                {c.details.map(([label, value]) => (
                  <div key={label}>
                    <dt>{label}</dt>
                    <dd>{value}</dd>
                  </div>
                ))}
              </dl>
            )}
            <p className="dsc-card-rfc">{c.rfc}</p>
          </li>
        ))}
      </ul>
      <h3 className="dsc-subhead">Authentication schemes</h3>
      {facts.authenticationSchemes.length === 0 ? (
        <p className="ins-faint">The server lists no authentication scheme.</p>
      ) : (
        <ul className="dsc-schemes" aria-label="Authentication schemes">
          {facts.authenticationSchemes.map((s, i) => (
            <li key={`${s.type}-${i}`} className="dsc-scheme">
              <div className="dsc-card-head">
                <strong>{s.name}</strong>
                <code className="dsc-tag">{s.type}</code>
                {s.primary && <span className="chip chip-on">primary</span>}
              </div>
              {s.description && <p>{s.description}</p>}
              {(s.specUri || s.documentationUri) && (
                <p className="ins-faint dsc-uris">
                  {s.specUri && <span>Spec: {s.specUri}</span>}
                  {s.documentationUri && <span>Docs: {s.documentationUri}</span>}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {facts.documentationUri && <p className="ins-faint">Documentation: {facts.documentationUri}</p>}
    </div>
  );
}
