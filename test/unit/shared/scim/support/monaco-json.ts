import { resolve } from 'node:path';

/**
 * Monaco's own JSON language service (the copy bundled in monaco-editor), loaded in Node so tests see
 * exactly the diagnostics and completions the editor will show for a schema.
 */
const root = resolve(import.meta.dirname, '../../../../../node_modules/monaco-editor/esm/external');

interface Diagnostic {
  message: string;
  severity: number;
  range: { start: { line: number; character: number } };
}
interface CompletionItem {
  label: string;
}
interface LanguageService {
  parseJSONDocument(doc: unknown): unknown;
  doValidation(doc: unknown, json: unknown, settings: unknown, schema: unknown): Promise<Diagnostic[]>;
  doComplete(doc: unknown, position: unknown, json: unknown): Promise<{ items: CompletionItem[] } | null>;
  configure(settings: unknown): void;
}

let service: Promise<{ ls: LanguageService; create: (text: string) => { positionAt(offset: number): unknown } }> | undefined;

function load() {
  service ??= (async () => {
    const { getLanguageService } = await import(`${root}/vscode-json-languageservice/lib/esm/jsonLanguageService.js`);
    const { TextDocument } = await import(`${root}/vscode-languageserver-textdocument/lib/esm/main.js`);
    let n = 0;
    return {
      ls: getLanguageService({ schemaRequestService: () => Promise.reject(new Error('no network')) }) as LanguageService,
      create: (text: string) => TextDocument.create(`inmemory://test/${++n}.json`, 'json', 1, text),
    };
  })();
  return service;
}

export const SEVERITY = { error: 1, warning: 2 } as const;

/** Monaco's diagnostics for `value` (serialised) against `schema`. */
export async function diagnose(schema: object, value: unknown): Promise<{ message: string; severity: number }[]> {
  const { ls, create } = await load();
  const doc = create(JSON.stringify(value, null, 2));
  const diagnostics = await ls.doValidation(doc, ls.parseJSONDocument(doc), { schemaValidation: 'error' }, schema);
  return diagnostics.map((d) => ({ message: d.message, severity: d.severity }));
}

/** Monaco's completion labels at the `|` in `text` (which is JSON with one cursor mark). */
export async function complete(schema: object, text: string): Promise<string[]> {
  const { ls, create } = await load();
  const offset = text.indexOf('|');
  const doc = create(text.slice(0, offset) + text.slice(offset + 1));
  const uri = (doc as unknown as { uri: string }).uri;
  ls.configure({ validate: true, schemas: [{ uri: 'inmemory://schema.json', fileMatch: [uri], schema }] });
  const result = await ls.doComplete(doc, doc.positionAt(offset), ls.parseJSONDocument(doc));
  return (result?.items ?? []).map((i) => i.label);
}
