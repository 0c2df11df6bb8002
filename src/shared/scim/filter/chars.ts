/** Character classes for the filter scanner: one lookup table over ASCII, one bit per class. */

const PATH = 1;
const NAME = 2;
const LETTER = 4;
const DIGIT = 8;
const SPACE = 16;

const TABLE = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  let bits = 0;
  if (/[A-Za-z]/.test(ch)) bits |= LETTER | NAME | PATH;
  if (/[0-9]/.test(ch)) bits |= DIGIT | NAME | PATH;
  if (/[_$-]/.test(ch)) bits |= NAME | PATH;
  if (ch === ':' || ch === '.') bits |= PATH;
  if (/[ \t\n\r]/.test(ch)) bits |= SPACE;
  TABLE[c] = bits;
}

/** Characters an attribute path token may contain: ALPHA DIGIT "-" "_" "$" ":" "." (RFC 7644 §3.10 plus URNs). */
export const isPathChar = (c: number): boolean => c < 128 && (TABLE[c]! & PATH) !== 0;
export const isLetter = (c: number): boolean => c < 128 && (TABLE[c]! & LETTER) !== 0;
export const isDigit = (c: number): boolean => c >= 48 && c <= 57;
export const isSpace = (c: number): boolean => c < 128 && (TABLE[c]! & SPACE) !== 0;
/** ATTRNAME's later characters: ALPHA DIGIT "-" "_" (and "$", for "$ref"). */
export const isNameChar = (c: number): boolean => c < 128 && (TABLE[c]! & NAME) !== 0;

export const CH = {
  quote: 34,
  backslash: 92,
  open: 40,
  close: 41,
  openBracket: 91,
  closeBracket: 93,
  dot: 46,
  colon: 58,
  minus: 45,
  plus: 43,
  dollar: 36,
} as const;
