/**
 * Where JSON text first goes wrong, for the engines whose `JSON.parse` message gives no position
 * ("Unexpected token ']', …"). Run only after `JSON.parse` failed; iterative, so depth costs no stack.
 */
export function findJsonErrorOffset(text: string): number {
  const n = text.length;
  let i = 0;
  // what each open container expects next
  const stack: ('object-key' | 'object-colon' | 'object-value' | 'object-next' | 'array-value' | 'array-next' | 'array-first')[] = [];
  const space = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      i++;
    }
  };
  const string = (): boolean => {
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            i += 1;
            return false;
          }
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else {
          i += 1;
          return false;
        }
      } else i++;
    }
    return false;
  };
  const scalar = (): boolean => {
    const rest = text.slice(i, i + 5);
    for (const word of ['true', 'false', 'null']) {
      if (rest.startsWith(word)) {
        i += word.length;
        return true;
      }
    }
    const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!number || number[0] === '' || number[0] === '-') return false;
    i += number[0].length;
    return true;
  };
  /** a value starts at i: scalars are consumed, containers pushed; false when none starts here */
  const value = (): boolean => {
    const c = text[i];
    if (c === '{') {
      i++;
      stack.push('object-key');
      return true;
    }
    if (c === '[') {
      i++;
      stack.push('array-first');
      return true;
    }
    if (c === '"') return string();
    return scalar();
  };

  space();
  if (i >= n || !value()) return i;
  for (;;) {
    space();
    const top = stack.at(-1);
    if (top === undefined) return i < n ? i : -1;
    if (i >= n) return n;
    const c = text[i];
    switch (top) {
      case 'object-key':
        if (c === '}') {
          i++;
          stack.pop();
        } else if (c === '"' && string()) stack[stack.length - 1] = 'object-colon';
        else return i;
        break;
      case 'object-colon':
        if (c !== ':') return i;
        i++;
        stack[stack.length - 1] = 'object-value';
        break;
      case 'object-value':
        stack[stack.length - 1] = 'object-next';
        if (!value()) return i;
        break;
      case 'object-next':
        if (c === ',') {
          i++;
          space();
          if (text[i] !== '"') return i;
          if (!string()) return i;
          stack[stack.length - 1] = 'object-colon';
        } else if (c === '}') {
          i++;
          stack.pop();
        } else return i;
        break;
      case 'array-first':
        if (c === ']') {
          i++;
          stack.pop();
          break;
        }
        stack[stack.length - 1] = 'array-next';
        if (!value()) return i;
        break;
      case 'array-value':
        stack[stack.length - 1] = 'array-next';
        if (!value()) return i;
        break;
      case 'array-next':
        if (c === ',') {
          i++;
          stack[stack.length - 1] = 'array-value';
        } else if (c === ']') {
          i++;
          stack.pop();
        } else return i;
        break;
    }
  }
}
