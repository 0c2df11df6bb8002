import { describe, expect, it } from 'vitest';
import { fromCurl, shellWords } from '../../../../src/main/services/exchange/curl';
import { ansiC, bigCurl, membersPatch } from '../../../fixtures/imports';

describe('curl commands as browsers and terminals write them', () => {
  it("reads bash's ANSI-C quotes with every escape Chrome and bash use", () => {
    expect(shellWords(String.raw`curl $'Zo\u00eb \'x\' \x41\101 \U0001F600 \t|\\|\"|\?|\q'`)).toEqual(['curl', "Zoë 'x' AA 😀 \t|\\|\"|?|\\q"]);
    expect(shellWords(String.raw`curl $'' "" ''`)).toEqual(['curl', '', '', '']);
    expect(shellWords(String.raw`curl "a\"b\\" "c\d" "\$HOME \`x\`"`)).toEqual(['curl', 'a"b\\', 'c\\d', '$HOME `x`']);
    // a backslash-newline inside double quotes joins the lines; in single quotes it stays
    expect(shellWords('curl "a\\\nb" \'c\\\nd\'')).toEqual(['curl', 'ab', 'c\\\nd']);
    expect(() => shellWords("curl $'abc")).toThrow(/quote \(\$'\) that is never closed/);
    expect(() => shellWords(String.raw`curl "abc\"`)).toThrow(/quote \("\) that is never closed/);
  });

  it('reads a body of several MB in ANSI-C quotes back exactly', () => {
    const body = membersPatch(3 * 2 ** 20);
    const parsed = fromCurl(`curl https://h/Groups/1 -X PATCH --data-raw ${ansiC(body)}`);
    const node = parsed.nodes[0]!;
    expect(node.kind === 'request' && node.request.body === body).toBe(true);
    // as Chrome copies it, with line continuations between options
    const copied = fromCurl(bigCurl(200_000), { baseUrl: 'https://scim.example.test/scim/v2' }).nodes[0]!;
    expect(copied.kind === 'request' && [copied.request.method, copied.request.path, copied.request.body]).toEqual(['PATCH', '/Groups/ops', membersPatch(200_000)]);
  });
});
