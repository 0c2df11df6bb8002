/**
 * Where a byte sequence stops being well-formed UTF-8 (RFC 3629 §4: no overlong forms, no encoded
 * surrogates, nothing above U+10FFFF), or -1 when all of it is. The offset is the first byte of the
 * sequence that is wrong.
 */
export function invalidUtf8At(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    // the range the second byte must be in; later continuation bytes are always 80..BF
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b === 0xe0) {
      need = 2;
      low = 0xa0;
    } else if (b === 0xed) {
      need = 2;
      high = 0x9f;
    } else if (b >= 0xe1 && b <= 0xef) need = 2;
    else if (b === 0xf0) {
      need = 3;
      low = 0x90;
    } else if (b === 0xf4) {
      need = 3;
      high = 0x8f;
    } else if (b >= 0xf1 && b <= 0xf3) need = 3;
    else return i;
    for (let k = 1; k <= need; k++) {
      const c = i + k < n ? bytes[i + k]! : -1;
      if (k === 1 ? c < low || c > high : c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** "byte 12 (line 2, column 5)" for an offset into UTF-8 bytes that are valid up to it; columns count characters. */
export function describeByteOffset(bytes: Uint8Array, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  let column = 1;
  // count characters, not bytes: continuation bytes (10xxxxxx) do not start one
  for (let i = lineStart; i < offset; i++) if ((bytes[i]! & 0xc0) !== 0x80) column++;
  return `byte ${offset} (line ${line}, column ${column})`;
}
