const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g;

/** Fills `{{name}}` from `variables`; unknown names stay as they are (the endpoint's variables may fill them). */
export function interpolate(text: string, variables: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (match, name: string) => (Object.prototype.hasOwnProperty.call(variables, name) ? variables[name]! : match));
}

/** The names a text refers to. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}
