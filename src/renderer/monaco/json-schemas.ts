import { jsonDefaults } from 'monaco-editor/language/json/monaco.contribution';

/**
 * Which JSON Schema applies to which editor model. Monaco keeps one schema list for the whole JSON
 * language, so every editor registers its model here and the list is rebuilt from all of them.
 */
const assignments = new Map<string, { uri: string; schema: unknown }>();
const ids = new WeakMap<object, string>();
let counter = 0;

function schemaUri(schema: object): string {
  let id = ids.get(schema);
  if (!id) {
    counter += 1;
    id = `inmemory://scim-schema/${counter}.json`;
    ids.set(schema, id);
  }
  return id;
}

function publish(): void {
  jsonDefaults.setDiagnosticsOptions({
    validate: true,
    allowComments: false,
    enableSchemaRequest: false,
    schemaValidation: 'error',
    schemaRequest: 'ignore',
    trailingCommas: 'error',
    schemas: [...assignments].map(([model, { uri, schema }]) => ({ uri, fileMatch: [model], schema })),
  });
}

/** Validates the model at `modelUri` against `schema` (undefined: JSON syntax only). */
export function assignSchema(modelUri: string, schema: object | undefined): void {
  const current = assignments.get(modelUri);
  if (schema === undefined) {
    if (!current) return;
    assignments.delete(modelUri);
  } else {
    if (current?.schema === schema) return;
    assignments.set(modelUri, { uri: `${schemaUri(schema)}#${encodeURIComponent(modelUri)}`, schema });
  }
  publish();
}
