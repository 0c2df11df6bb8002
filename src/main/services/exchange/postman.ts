import pm from 'postman-collection';
import { fail } from '@shared/api/errors';
import { HttpMethod } from '@shared/model/exchange';
import { SavedRequest, type Capture, type Collection, type CollectionItem } from '@shared/model/collection';
import { isSecretHeader } from '@shared/redact/headers';
import type { CredentialMover } from '../collections/credential-variables';
import { jsonPathSegments } from '../collections/capture';
import { parseJsonText } from '../collections/json-file';
import { relativePath, type ImportedCollection, type ImportNode } from './import-tree';
import { z } from 'zod';

const { Collection: PostmanCollection, ItemGroup } = pm;

export const POSTMAN_SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';
const BASE_URL_VARIABLE = 'baseUrl';
const BASE_URL_NOTE = 'SCIM Inspector: set to the SCIM base URL of the endpoint to run against';

// ---- export ---------------------------------------------------------------------------------------

function accessor(path: string): string {
  return jsonPathSegments(path)
    .map((s) => (typeof s === 'number' ? `[${s}]` : /^[A-Za-z_$][\w$]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`))
    .join('');
}

/** Captures as a Postman test script that does the same thing (and that the importer reads back). */
export function captureScript(captures: readonly Capture[]): string[] {
  return captures.map((c) => {
    const value =
      c.from === 'status' ? 'String(pm.response.code)' : c.from === 'header' ? `pm.response.headers.get(${JSON.stringify(c.path)})` : `pm.response.json()${accessor(c.path)}`;
    return `pm.collectionVariables.set(${JSON.stringify(c.variable)}, ${value});`;
  });
}

function postmanRequest(request: SavedRequest): Record<string, unknown> {
  const body = request.body;
  return {
    name: request.name,
    request: {
      method: request.method,
      url: `{{${BASE_URL_VARIABLE}}}${request.path.startsWith('/') || request.path === '' ? '' : '/'}${request.path}`,
      header: request.headers.map((h) => ({ key: h.name, value: h.value, ...(h.enabled ? {} : { disabled: true }) })),
      ...(body !== undefined ? { body: { mode: 'raw', raw: body, options: { raw: { language: /^\s*[[{]/.test(body) ? 'json' : 'text' } } } } : {}),
      ...(request.description ? { description: request.description } : {}),
    },
    ...(request.captures.length ? { event: [{ listen: 'test', script: { type: 'text/javascript', exec: captureScript(request.captures) } }] } : {}),
  };
}

/** A collection as Postman Collection v2.1 JSON (built and serialised by the official SDK). */
export function toPostman(collection: Collection): Record<string, unknown> {
  const build = (parentId: string): Record<string, unknown>[] =>
    collection.items
      .filter((i) => i.parentId === parentId)
      .flatMap((item: CollectionItem) => {
        if (item.kind === 'folder') return [{ name: item.name, item: build(item.id) }];
        return item.request ? [postmanRequest(item.request)] : [];
      });
  const sdk = new PostmanCollection({
    info: { name: collection.name, schema: POSTMAN_SCHEMA, ...(collection.description ? { description: collection.description } : {}) },
    variable: [
      { key: BASE_URL_VARIABLE, value: '', description: BASE_URL_NOTE },
      ...Object.entries(collection.variables).map(([key, value]) => ({ key, value })),
    ],
    item: build(''),
  } as never);
  const json = sdk.toJSON() as unknown as Record<string, unknown> & { info: Record<string, unknown> };
  json.info = { ...json.info, schema: POSTMAN_SCHEMA };
  return json;
}

// ---- import ---------------------------------------------------------------------------------------

const SET_VARIABLE = /^pm\.(?:collectionVariables|environment|variables|globals)\.set\(\s*(["'])([A-Za-z_][\w.-]*)\1\s*,\s*(.+?)\s*\)\s*;?\s*$/;

/** Reads back the captures `captureScript` writes (and the same lines written by hand); the rest is reported. */
export function parseCaptureScript(lines: readonly string[]): { captures: Capture[]; ignored: number } {
  const captures: Capture[] = [];
  let ignored = 0;
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '' || line.startsWith('//')) continue;
    const set = SET_VARIABLE.exec(line);
    const variable = set?.[2];
    const value = set?.[3];
    if (!variable || !value) {
      ignored++;
      continue;
    }
    const header = /^pm\.response\.headers\.get\(\s*(["'])(.+?)\1\s*\)$/.exec(value);
    const json = /^pm\.response\.json\(\)(.*)$/.exec(value);
    if (/^(String\()?pm\.response\.code\)?$/.test(value)) captures.push({ variable, from: 'status', path: '' });
    else if (header) captures.push({ variable, from: 'header', path: header[2]! });
    else if (json) captures.push({ variable, from: 'body', path: json[1]!.replace(/^\./, '') });
    else ignored++;
  }
  return { captures, ignored };
}

const text = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value || undefined;
  if (value && typeof value === 'object' && 'content' in value) return String((value as { content: unknown }).content) || undefined;
  return undefined;
};

const PostmanShape = z.object({ info: z.object({ name: z.string().optional(), schema: z.string().optional() }).loose().optional() }).loose();

/** Postman Collection v2.0/v2.1 JSON → folders and requests. Auth and scripts other than captures are left out, and said so. */
export function fromPostman(source: string, options: { fileName?: string; baseUrl?: string; credentials?: Pick<CredentialMover, 'header'> } = {}): ImportedCollection {
  const parsed = parseJsonText(options.fileName ?? 'the Postman collection', source, PostmanShape);
  if (!parsed.ok) throw fail('validation', `The Postman collection ${parsed.problem.message}`, { issues: [{ path: 'text', message: parsed.problem.message }] });
  const schema = parsed.value.info?.schema ?? '';
  if (!/\/v2\.[01]\.\d+\//.test(schema)) {
    throw fail('unsupported', `Only Postman Collection v2.0 and v2.1 can be imported; this file says its schema is "${schema || 'missing'}"`, {
      hint: 'In Postman: Export → Collection v2.1.',
    });
  }
  const collection = new PostmanCollection(parsed.value as never);
  const warnings: string[] = [];
  if (collection.auth) warnings.push(`The collection's ${collection.auth.type} auth was not imported: auth comes from the endpoint chosen at run time.`);
  if (collection.events.count() > 0) warnings.push('Collection-level scripts were not imported.');

  const variables: Record<string, string> = {};
  for (const variable of collection.variables.all()) {
    if (!variable.key) continue;
    if (variable.key === BASE_URL_VARIABLE && text(variable.description) === BASE_URL_NOTE) continue;
    if (!/^[A-Za-z_][\w.-]*$/.test(variable.key)) {
      warnings.push(`Variable "${variable.key}" was not imported: names may use letters, digits, _ . - only.`);
      continue;
    }
    variables[variable.key] = variable.value === undefined || variable.value === null ? '' : String(variable.value);
  }

  const convert = (items: readonly unknown[], where: string): ImportNode[] =>
    items.flatMap((entry): ImportNode[] => {
      if (ItemGroup.isItemGroup(entry)) {
        const group = entry as InstanceType<typeof ItemGroup<pm.Item>>;
        if (group.auth) warnings.push(`The auth of folder "${where}${group.name}" was not imported.`);
        return [{ kind: 'folder', name: group.name || 'Folder', ...(text(group.description) ? { description: text(group.description) } : {}), children: convert(group.items.all(), `${where}${group.name}/`) }];
      }
      const item = entry as pm.Item;
      const label = `"${where}${item.name}"`;
      const request = item.request;
      const method = HttpMethod.safeParse(String(request.method ?? 'GET').toUpperCase());
      if (!method.success) {
        warnings.push(`${label} was not imported: method ${request.method} is not one a SCIM client sends.`);
        return [];
      }
      if (request.auth) warnings.push(`The ${request.auth.type} auth of ${label} was not imported: auth comes from the endpoint.`);
      const headers = request.headers.all().flatMap((h) => {
        if (!h.key) return [];
        if (isSecretHeader(h.key) && options.credentials) return [{ name: h.key, value: options.credentials.header(h.key, h.value ?? '', label), enabled: false }];
        if (isSecretHeader(h.key)) {
          warnings.push(`The value of the ${h.key} header of ${label} was not imported: auth comes from the endpoint.`);
          return [{ name: h.key, value: '', enabled: false }];
        }
        return [{ name: h.key, value: h.value ?? '', enabled: !h.disabled }];
      });
      let body: string | undefined;
      if (request.body && !request.body.isEmpty()) {
        if (request.body.mode === 'raw') body = request.body.raw;
        else warnings.push(`The ${request.body.mode} body of ${label} was not imported: only raw bodies are.`);
      }
      const tests = item.events.all().filter((e) => e.listen === 'test');
      const { captures, ignored } = parseCaptureScript(tests.flatMap((e) => e.script?.exec ?? []));
      if (ignored > 0) warnings.push(`${ignored} script line(s) of ${label} were not imported (only lines that set a variable from the response are).`);
      if (item.events.all().some((e) => e.listen === 'prerequest' && (e.script?.exec ?? []).some((l) => l.trim()))) warnings.push(`The pre-request script of ${label} was not imported.`);
      const saved = SavedRequest.parse({
        name: item.name || `${method.data} request`,
        method: method.data,
        path: relativePath(request.url.toString(), options.baseUrl),
        headers,
        ...(body !== undefined ? { body } : {}),
        ...(text(request.description) ? { description: text(request.description) } : {}),
        captures,
      });
      return [{ kind: 'request', request: saved }];
    });

  return {
    name: collection.name || 'Imported from Postman',
    ...(text(collection.description) ? { description: text(collection.description) } : {}),
    variables,
    nodes: convert(collection.items.all(), ''),
    warnings,
  };
}
