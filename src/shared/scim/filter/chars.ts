/** Character classes for the filter scanner, as lookup tables over ASCII. */

const NAME = new Uint8Array(128);
const LETTER = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z]/.test(ch)) LETTER[c] = 1;
  if (/[A-Za-z0-9_$\-:.]/.test(ch)) NAME[c] = 1;
}

/** Characters an attribute path token may contain: ALPHA DIGIT "-" "_" "$" ":" "." (RFC 7644 §3.10 plus URNs). */
export const isPathChar = (c: number): boolean => c < 128 && NAME[c] === 1;
export const isLetter = (c: number): boolean => c < 128 && LETTER[c] === 1;
export const isDigit = (c: number): boolean => c >= 48 && c <= 57;
export const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;
/** ATTRNAME's later characters: ALPHA DIGIT "-" "_" (and "$", for "$ref"). */
export const isNameChar = (c: number): boolean => isLetter(c) || isDigit(c) || c === 45 || c === 95 || c === 36;

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
