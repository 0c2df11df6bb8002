import { describe, expect, it } from 'vitest';
import { SecretScrubber } from '@shared/redact/secret-scrubber';
import { SentHeads } from '../../../../src/main/services/http/sent-heads';

const head = (trace: string) => `GET /Users HTTP/1.1\r\nhost: 127.0.0.1:8080\r\nAuthorization: Bearer tok-abcdef\r\nX-Trace: ${trace}\r\nX-Api-Token: k-123456\r\n\r\n`;

describe('the request heads remembered for exchanges', () => {
  it('parses, redacts secret headers and scrubs known secrets in the other values', () => {
    const scrubber = new SecretScrubber();
    scrubber.add('trace-secret-1');
    const list = new SentHeads().describe(head('id trace-secret-1'), ['x-api-token'], scrubber);
    expect(list).toEqual([
      ['host', '127.0.0.1:8080'],
      ['Authorization', 'Bearer [REDACTED]'],
      ['X-Trace', 'id [REDACTED]'],
      ['X-Api-Token', '[REDACTED]'],
    ]);
  });

  it('scrubs a secret learned after the head was remembered from the next exchange', () => {
    const scrubber = new SecretScrubber();
    const heads = new SentHeads();
    const first = heads.describe(head('learned-later-42'), [], scrubber);
    expect(first[2]).toEqual(['X-Trace', 'learned-later-42']);
    scrubber.add('learned-later-42');
    expect(heads.describe(head('learned-later-42'), [], scrubber)[2]).toEqual(['X-Trace', '[REDACTED]']);
    // and one forgotten again shows as sent
    scrubber.remove('learned-later-42');
    expect(heads.describe(head('learned-later-42'), [], scrubber)[2]).toEqual(['X-Trace', 'learned-later-42']);
  });

  it('never serves one head, or one set of secret header names, for another', () => {
    const scrubber = new SecretScrubber();
    const heads = new SentHeads();
    const a = heads.describe(head('a'), [], scrubber);
    const b = heads.describe(head('b'), [], scrubber);
    expect(a[2]).toEqual(['X-Trace', 'a']);
    expect(b[2]).toEqual(['X-Trace', 'b']);
    expect(heads.describe(head('a'), [], scrubber)).toBe(a);
    expect(heads.describe(head('a'), [], scrubber)[4 - 1]).toEqual(['X-Api-Token', 'k-123456']);
    expect(heads.describe(head('a'), ['X-Api-Token'], scrubber)[3]).toEqual(['X-Api-Token', '[REDACTED]']);
    expect(heads.describe(head('a'), [], scrubber)[3]).toEqual(['X-Api-Token', 'k-123456']);
  });

  it('hands out lists nobody can change, and stays within its capacity', () => {
    const scrubber = new SecretScrubber();
    const heads = new SentHeads(2);
    const a = heads.describe(head('a'), [], scrubber);
    expect(() => a.push(['x', 'y'])).toThrow(TypeError);
    expect(() => {
      a[0]![1] = 'changed';
    }).toThrow(TypeError);
    heads.describe(head('b'), [], scrubber);
    heads.describe(head('c'), [], scrubber);
    // 'a' was dropped to stay at two: it is parsed again, equal but not the same list
    const again = heads.describe(head('a'), [], scrubber);
    expect(again).toEqual(a);
    expect(again).not.toBe(a);
  });
});
