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

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

let lastZoned = false;

/** Epoch milliseconds of `YYYY-MM-DDThh:mm:ss[.fff…][Z|±hh:mm]`, or NaN; allocation-free for the filter hot path. */
export function instantOf(text: string): number {
  if (text.length < 19) return Number.NaN;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > DAYS[month - 1]! || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) {
    return Number.NaN;
  }
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || (text.charCodeAt(10) | 0x20) !== 0x74 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) {
    return Number.NaN;
  }
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return Number.NaN;
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
    if (p === fractionStart) return Number.NaN;
    ms = Math.floor(ms);
  }
  let offset = 0;
  lastZoned = false;
  if (p < text.length) {
    const z = text.charCodeAt(p);
    if ((z | 0x20) === 0x7a && p + 1 === text.length) lastZoned = true;
    else if ((z === 43 || z === 45) && p + 6 === text.length && text.charCodeAt(p + 3) === 58) {
      const oh = digits(text, p + 1, 2);
      const om = digits(text, p + 4, 2);
      if (oh < 0 || oh > 23 || om < 0 || om > 59) return Number.NaN;
      offset = (z === 45 ? -1 : 1) * (oh * 60 + om);
      lastZoned = true;
    } else return Number.NaN;
  }
  return (((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute - offset) * 60 + second) * 1000 + ms;
}

/** Parses `YYYY-MM-DDThh:mm:ss[.fff…][Z|±hh:mm]`; undefined if the text is not such a dateTime. */
export function parseDateTimeParts(text: string): DateTimeParts | undefined {
  const ms = instantOf(text);
  return Number.isNaN(ms) ? undefined : { ms, zoned: lastZoned };
}

/** Epoch milliseconds of an xsd:dateTime text, or undefined. */
export function parseDateTime(text: string): number | undefined {
  const ms = instantOf(text);
  return Number.isNaN(ms) ? undefined : ms;
}
