import type { SavedRequest } from '@shared/model/collection';
import { attributeSegments } from '@shared/redact/attribute-paths';
import { isSecretMember, isSecretParameter } from '@shared/redact/credential-names';
import { CredentialRules } from '@shared/redact/credential-rules';
import { AUTH_SCHEME, isSecretHeader } from '@shared/redact/headers';
import { REDACTED } from '@shared/redact/secret-scrubber';
import { jsonBodyValue } from './json-body';

/** One credential taken out of a request: the variable that now stands for it, and where it was. */
export interface MovedCredential {
  variable: string;
  /** "the Authorization header of "Create user"" */
  where: string;
}

const ENCODED_MARKER = encodeURIComponent(REDACTED);
const FORM = /^[\w.%+*$-]+=[^&\s]*(?:&[\w.%+*$-]+=[^&\s]*)*$/;
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** A value worth moving: not empty, not a `{{variable}}` already, not a redaction marker. */
function movable(raw: string): boolean {
  return raw.trim() !== '' && !raw.includes('{{') && !raw.includes(REDACTED) && !raw.includes(ENCODED_MARKER);
}

/** `access_token`, `Authorization` → a variable name (`authorization`): letters, digits, `_ . -`, not starting with a digit. */
function variableBase(name: string): string {
  const cleaned = name.trim().replace(/[^\w.-]+/g, '_').replace(/^[^A-Za-z_]+/, '');
  return cleaned === '' ? 'secret' : cleaned;
}

/**
 * Takes the credentials out of requests (imports, saves) and leaves `{{variable}}` where each was:
 * secret headers by name (the auth scheme stays: `Bearer {{authorization}}`), URL parameters and form
 * fields named like credentials, JSON members named like credentials (and the `value` of a PATCH
 * operation whose `path` names one), by the one rule set of `src/shared/redact`; in other text, what
 * `CredentialRules` finds there. Each variable holds the exact text it replaced, so a run sends the
 * same bytes. The same value found again gets the same variable. In `redact` mode (no keychain to
 * put them in) the values are replaced by `[REDACTED]` instead.
 */
export class CredentialMover {
  /** variable → the text it stands for (to be put in the keychain) */
  readonly secrets = new Map<string, string>();
  readonly moved: MovedCredential[] = [];
  readonly warnings: string[] = [];
  private readonly byValue = new Map<string, string>();

  /**
   * `taken`: variable names the collection uses already; `existing`: its secret variables with their
   * values (a credential it holds already is referred to by its variable, not copied again)
   */
  constructor(
    private readonly taken: ReadonlySet<string>,
    private readonly mode: 'move' | 'redact' = 'move',
    existing: Readonly<Record<string, string>> = {},
  ) {
    for (const [name, value] of Object.entries(existing)) this.byValue.set(value, name);
  }

  /** What replaces `raw`, found under `name`: a placeholder of its variable, or the marker. */
  private stand(name: string, raw: string, where: string): string {
    if (this.mode === 'redact') {
      this.moved.push({ variable: REDACTED, where });
      return REDACTED;
    }
    let variable = this.byValue.get(raw);
    if (!variable) {
      const base = variableBase(name);
      variable = base;
      for (let n = 2; this.taken.has(variable) || this.secrets.has(variable); n++) variable = `${base}_${n}`;
      this.secrets.set(variable, raw);
      this.byValue.set(raw, variable);
    }
    this.moved.push({ variable, where });
    return `{{${variable}}}`;
  }

  /**
   * A variable an import brought whose name says it holds a credential (`token`, `client_secret`):
   * kept under its own name (when free) among the secret variables; true when it was.
   */
  adopt(name: string, value: string, where: string): boolean {
    if (!(isSecretMember(name) || isSecretParameter(name)) || !movable(value)) return false;
    if (this.mode === 'redact') {
      this.moved.push({ variable: REDACTED, where });
      return true;
    }
    if (!this.byValue.has(value) && !this.taken.has(name) && !this.secrets.has(name)) {
      this.secrets.set(name, value);
      this.byValue.set(value, name);
      this.moved.push({ variable: name, where });
      return true;
    }
    this.stand(name, value, where);
    return true;
  }

  /** A header's value with its credential moved (secret headers only; others as they are). */
  header(name: string, value: string, label: string): string {
    if (!isSecretHeader(name)) return value;
    const scheme = AUTH_SCHEME.exec(value);
    const credential = scheme ? value.slice(scheme[0].length).trim() : value.trim();
    if (!movable(credential)) return value;
    return `${scheme ? scheme[0] : ''}${this.stand(name.toLowerCase(), credential, `the ${name} header of ${label}`)}`;
  }

  /** `name=value` pairs (a query, a form) whose name is a credential's: their value moved. */
  private pairs(text: string, label: string, what: string): string {
    return text.replace(/([?#&]|^)([^=&#?]+)=([^&#]*)/g, (match, separator: string, rawName: string, raw: string) => {
      const name = decode(rawName);
      if (!isSecretParameter(name) || !movable(decode(raw))) return match;
      return `${separator}${rawName}=${this.stand(name, raw, `the ${name} ${what} of ${label}`)}`;
    });
  }

  /** The user info's password and the query's credential parameters. */
  url(path: string, label: string): string {
    let out = path;
    const userInfo = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@:]*):([^/?#@]*)@/i.exec(out);
    if (userInfo && movable(userInfo[3]!)) out = `${userInfo[1]}${userInfo[2]}:${this.stand('password', userInfo[3]!, `the password in the URL of ${label}`)}@${out.slice(userInfo[0].length)}`;
    const start = out.search(/[?#]/);
    return start < 0 ? out : out.slice(0, start) + this.pairs(out.slice(start), label, 'URL parameter');
  }

  /** A JSON value with credential members moved; true when one was. */
  private walk(value: unknown, label: string): boolean {
    let changed = false;
    if (Array.isArray(value)) {
      for (const item of value) changed = this.walk(item, label) || changed;
      return changed;
    }
    if (!isObject(value)) return false;
    // a PATCH operation setting a credential attribute: `{"op":"replace","path":"password","value":"…"}`
    const pathKey = Object.keys(value).find((k) => k.toLowerCase() === 'path');
    const valueKey = Object.keys(value).find((k) => k.toLowerCase() === 'value');
    const path = pathKey ? value[pathKey] : undefined;
    const attribute = typeof path === 'string' ? attributeSegments(path).at(-1) : undefined;
    for (const [key, member] of Object.entries(value)) {
      const named = isSecretMember(key) || (key === valueKey && attribute !== undefined && isSecretMember(attribute));
      if (named && typeof member === 'string' && movable(member)) {
        value[key] = this.stand(isSecretMember(key) ? key : attribute!, JSON.stringify(member).slice(1, -1), `the ${isSecretMember(key) ? key : attribute} member in the body of ${label}`);
        changed = true;
      } else if (typeof member === 'object') {
        changed = this.walk(member, label) || changed;
      }
    }
    return changed;
  }

  /** A body: JSON (when it can be written again losing nothing but layout), a form, or other text. */
  body(body: string, label: string): string {
    const json = jsonBodyValue(body);
    if (json !== undefined) {
      if (!this.walk(json, label)) return body;
      return body.includes('\n') ? JSON.stringify(json, null, 2) : JSON.stringify(json);
    }
    const trimmed = body.trim();
    if (trimmed.length < 64 * 1024 && FORM.test(trimmed)) return this.pairs(body, label, 'form field');
    return this.text(body, label);
  }

  /** Other text (XML, JSON that does not parse): what the rules find, moved where it stands as written. */
  private text(body: string, label: string): string {
    const rules = new CredentialRules();
    if (rules.text(body, 'body') === body) return body;
    let out = body;
    for (const value of [...rules.found].sort((a, b) => b.length - a.length)) {
      if (!movable(value) || value.length < 4 || !out.includes(value)) continue;
      const before = out.slice(0, out.indexOf(value)).slice(-80);
      const name = /([A-Za-z_][\w.-]*)\W{1,4}$/.exec(before)?.[1] ?? 'secret';
      const placeholder = this.stand(name, value, `the ${name} in the body of ${label}`);
      out = out.split(value).join(placeholder);
    }
    // what could not be found as written (escaped, encoded) is replaced by the marker
    const rest = new CredentialRules().text(out, 'body');
    if (rest !== out) {
      this.warnings.push(`A credential in the body of ${label} could not be moved into a variable as written; it was replaced by ${REDACTED}.`);
      return rest;
    }
    return out;
  }

  /** A whole request: secret headers, URL, body. */
  request(request: SavedRequest, label: string): SavedRequest {
    return {
      ...request,
      headers: request.headers.map((h) => ({ ...h, value: this.header(h.name, h.value, label) })),
      path: this.url(request.path, label),
      ...(request.body !== undefined ? { body: this.body(request.body, label) } : {}),
    };
  }

  /** "Moved into the keychain: {{authorization}} (the Authorization header of "Get"), …", one line per variable. */
  summary(): string[] {
    const byVariable = new Map<string, string[]>();
    for (const m of this.moved) byVariable.set(m.variable, [...(byVariable.get(m.variable) ?? []), m.where]);
    if (this.mode === 'redact') return this.moved.length ? [`${this.moved.length} credential(s) were replaced by ${REDACTED}: the OS keychain cannot be used, so they could not be kept as secret variables (${this.moved.map((m) => m.where).join('; ')}).`] : [];
    return [...byVariable].map(([variable, where]) => `${where.join(', ')}: moved into the OS keychain as the collection variable {{${variable}}}; the file keeps {{${variable}}}.`);
  }
}
