/**
 * `scheme://host[:port]` of a URL, or undefined when it is not one. Not `URL.origin`: Node reports
 * "null" for custom schemes (app://) that Electron treats as standard.
 */
export function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.host === '' ? undefined : `${parsed.protocol}//${parsed.host}`;
  } catch {
    return undefined;
  }
}
