/** xsd:dateTime (RFC 7643 §2.3.5) without regular expressions. */

function digits(text: string, at: number, count: number): number {
  let n = 0;
  for (let i = 0; i < count; i++) {
    const c = text.charCodeAt(at + i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export interface DateTimeParts {
  /** milliseconds since the epoch (UTC when the text has no zone) */
  ms: number;
  /** the text names a zone (`Z` or `±hh:mm`) */
  zoned: boolean;
}

/** Parses `YYYY-MM-DDThh:mm:ss[.fff…][Z|±hh:mm]`; undefined if the text is not such a dateTime. */
export function parseDateTimeParts(text: string): DateTimeParts | undefined {
  if (text.length < 19) return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > DAYS[month - 1]! || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) {
    return undefined;
  }
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || (text.charCodeAt(10) | 0x20) !== 0x74 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) {
    return undefined;
  }
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return undefined;
  let p = 19;
  let ms = 0;
  if (text.charCodeAt(p) === 46) {
    p++;
    const fractionStart = p;
    let scale = 100;
    while (p < text.length) {
      const c = text.charCodeAt(p) - 48;
      if (c < 0 || c > 9) break;
      ms += c * scale;
      scale /= 10;
      p++;
    }
    if (p === fractionStart) return undefined;
    ms = Math.floor(ms);
  }
  let offset = 0;
  let zoned = false;
  if (p < text.length) {
    const z = text.charCodeAt(p);
    if ((z | 0x20) === 0x7a && p + 1 === text.length) zoned = true;
    else if ((z === 43 || z === 45) && p + 6 === text.length && text.charCodeAt(p + 3) === 58) {
      const oh = digits(text, p + 1, 2);
      const om = digits(text, p + 4, 2);
      if (oh < 0 || oh > 23 || om < 0 || om > 59) return undefined;
      offset = (z === 45 ? -1 : 1) * (oh * 60 + om);
      zoned = true;
    } else return undefined;
  }
  // Date.UTC maps years 0–99 to 1900–1999; shift by 400 years (exactly 146 097 days) and back
  const utc = year < 100 ? Date.UTC(year + 400, month - 1, day, hour, minute, second, ms) - 146_097 * 86_400_000 : Date.UTC(year, month - 1, day, hour, minute, second, ms);
  return { ms: utc - offset * 60_000, zoned };
}

/** Epoch milliseconds of an xsd:dateTime text, or undefined. */
export function parseDateTime(text: string): number | undefined {
  return parseDateTimeParts(text)?.ms;
}
