import type { ReactNode } from 'react';
import type { SecretField } from '@shared/model/endpoint';
import type { Draft } from './draft';
import { CheckField, SelectField, TextField } from './fields';

export interface SectionProps {
  draft: Draft;
  set(patch: Partial<Draft>): void;
  /** renders the write-only input of a secret the settings call for */
  secret(field: SecretField): ReactNode;
}

export function AuthSection({ draft, set, secret }: SectionProps) {
  return (
    <fieldset className="editor-section">
      <legend>Authentication</legend>
      <SelectField
        label="Method"
        value={draft.authKind}
        onChange={(authKind) => set({ authKind })}
        options={[
          { value: 'bearer', label: 'Bearer token' },
          { value: 'basic', label: 'Basic (user name and password)' },
          { value: 'oauth2-client-credentials', label: 'OAuth 2.0 client credentials' },
          { value: 'api-key', label: 'API key in a header' },
          { value: 'none', label: 'None' },
        ]}
      />
      {draft.authKind === 'bearer' && secret('token')}
      {draft.authKind === 'basic' && (
        <>
          <TextField label="User name" value={draft.username} onChange={(username) => set({ username })} />
          {secret('password')}
        </>
      )}
      {draft.authKind === 'api-key' && (
        <>
          <TextField label="Header name" value={draft.headerName} onChange={(headerName) => set({ headerName })} placeholder="X-API-Key" />
          {secret('apiKey')}
        </>
      )}
      {draft.authKind === 'oauth2-client-credentials' && (
        <>
          <TextField label="Token URL" value={draft.tokenUrl} onChange={(tokenUrl) => set({ tokenUrl })} placeholder="https://login.example.com/oauth2/token" />
          <TextField label="Client ID" value={draft.clientId} onChange={(clientId) => set({ clientId })} />
          {secret('clientSecret')}
          <TextField label="Scope" value={draft.scope} onChange={(scope) => set({ scope })} placeholder="optional, space-separated" />
          <TextField label="Audience" value={draft.audience} onChange={(audience) => set({ audience })} placeholder="optional" />
          <SelectField
            label="Send the client secret"
            value={draft.clientAuth}
            onChange={(clientAuth) => set({ clientAuth })}
            options={[
              { value: 'body', label: 'in the form body' },
              { value: 'basic', label: 'with HTTP Basic' },
            ]}
          />
        </>
      )}
    </fieldset>
  );
}

export function TlsSection({ draft, set, secret }: SectionProps) {
  return (
    <fieldset className="editor-section">
      <legend>TLS</legend>
      <CheckField
        label="Verify the server's certificate"
        checked={draft.verify}
        onChange={(verify) => set({ verify })}
        hint={!draft.verify && <span className="warning-text">Verification is off: anyone on the network path could pose as this server and read the credentials.</span>}
      />
      <TextField label="Custom CA file (PEM)" value={draft.caFile} onChange={(caFile) => set({ caFile })} placeholder="/path/to/ca.pem" />
      {draft.caFile.trim() !== '' && (
        <SelectField
          label="Custom CA"
          value={draft.caMode}
          onChange={(caMode) => set({ caMode })}
          options={[
            { value: 'add', label: 'added to the system trust store' },
            { value: 'replace', label: 'the only CA trusted' },
          ]}
        />
      )}
      <SelectField
        label="Client certificate"
        value={draft.certKind}
        onChange={(certKind) => set({ certKind })}
        options={[
          { value: 'none', label: 'None' },
          { value: 'pem', label: 'PEM certificate and key' },
          { value: 'pfx', label: 'PFX / PKCS#12' },
        ]}
      />
      {draft.certKind === 'pem' && (
        <>
          <TextField label="Certificate file" value={draft.certFile} onChange={(certFile) => set({ certFile })} placeholder="/path/to/client.pem" />
          <TextField label="Key file" value={draft.keyFile} onChange={(keyFile) => set({ keyFile })} placeholder="/path/to/client.key" />
        </>
      )}
      {draft.certKind === 'pfx' && <TextField label="PFX file" value={draft.pfxFile} onChange={(pfxFile) => set({ pfxFile })} placeholder="/path/to/client.pfx" />}
      {draft.certKind !== 'none' && secret('passphrase')}
    </fieldset>
  );
}

export function ProxySection({ draft, set, secret }: SectionProps) {
  return (
    <fieldset className="editor-section">
      <legend>Proxy</legend>
      <SelectField
        label="Proxy"
        value={draft.proxyMode}
        onChange={(proxyMode) => set({ proxyMode })}
        options={[
          { value: 'env', label: 'From the environment (HTTPS_PROXY, HTTP_PROXY, NO_PROXY)' },
          { value: 'manual', label: 'This proxy' },
          { value: 'none', label: 'None (connect directly)' },
        ]}
      />
      {draft.proxyMode === 'manual' && (
        <>
          <TextField label="Proxy URL" value={draft.proxyUrl} onChange={(proxyUrl) => set({ proxyUrl })} placeholder="http://proxy.example.com:3128" />
          <TextField label="No proxy for" value={draft.noProxy} onChange={(noProxy) => set({ noProxy })} placeholder="localhost, .internal.example.com" />
          <TextField label="Proxy user name" value={draft.proxyUsername} onChange={(proxyUsername) => set({ proxyUsername })} placeholder="optional" />
          {draft.proxyUsername.trim() !== '' && secret('proxyPassword')}
        </>
      )}
    </fieldset>
  );
}

export function TimeoutsSection({ draft, set, defaults, onOpenSettings }: Omit<SectionProps, 'secret'> & { defaults?: { connect: number; headers: number; body: number }; onOpenSettings(): void }) {
  const hint = (n?: number) => (n === undefined ? 'empty: the app setting' : `empty: the app setting (${n} ms)`);
  return (
    <fieldset className="editor-section">
      <legend>Timeouts (ms)</legend>
      <div className="field-grid">
        <TextField label="Connect" type="number" value={draft.connectMs} onChange={(connectMs) => set({ connectMs })} hint={hint(defaults?.connect)} />
        <TextField label="Response headers" type="number" value={draft.headersMs} onChange={(headersMs) => set({ headersMs })} hint={hint(defaults?.headers)} />
        <TextField label="Whole body" type="number" value={draft.bodyMs} onChange={(bodyMs) => set({ bodyMs })} hint={hint(defaults?.body)} />
      </div>
      <p className="field-hint section-note">
        The app settings apply to every endpoint that leaves a field empty:{' '}
        <button type="button" className="link-button" onClick={onOpenSettings}>
          change them in Settings
        </button>
      </p>
    </fieldset>
  );
}
