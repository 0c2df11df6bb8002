/**
 * Characters XML 1.0 cannot carry at all, not even as a character reference: C0 controls other than
 * tab, line feed and carriage return, lone surrogates, U+FFFE and U+FFFF.
 */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Makes a character XML cannot hold visible as text (`\u001b`), so nothing is silently lost. */
export function visibleControls(text: string): string {
  return text.replace(NOT_XML_CHAR, (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
}

/** Text content of an XML element. */
export function xmlText(text: string): string {
  return visibleControls(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An XML attribute value (double-quoted); line breaks and tabs survive attribute normalisation. */
export function xmlAttribute(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

/** Text or an attribute value in HTML. */
export function html(text: string): string {
  return visibleControls(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A Markdown fence longer than any run of backticks in the text, so the text can never close it. */
export function fence(text: string, language = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${language}\n${visibleControls(text)}\n${ticks}`;
}

/** Inline Markdown code that survives backticks inside. */
export function inlineCode(text: string): string {
  const flat = visibleControls(text).replace(/\s*\n\s*/g, ' ');
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  const pad = longest || flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${flat}${pad}${ticks}`;
}

/** Plain text in a Markdown paragraph or table cell: one line, Markdown and HTML characters escaped. */
export function markdownText(text: string): string {
  return visibleControls(text)
    .replace(/\s*\n\s*/g, ' ')
    .replace(/([\\`*_[\]|<>~])/g, '\\$1')
    .replace(/^([#+-])/, '\\$1');
}

/** JSON text of a body, pretty when it parses; the text as it is otherwise. */
export function prettyBody(text: string): string {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
