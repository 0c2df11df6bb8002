import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';

/** Decodes a JSON Pointer (RFC 6901) into its segments. */
export function pointerSegments(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^(0|[1-9]\d*)$/.test(part) ? Number(part) : part));
}

/**
 * Where a JSON Pointer points in the text: the member's key when it is an object member (that is
 * what a person looks for), else the value. Falls back to the nearest existing parent.
 */
export function locatePointer(text: string, pointer: string, tree: Node | undefined = parseTree(text)): { offset: number; length: number } {
  if (!tree) return { offset: 0, length: 0 };
  const segments = pointerSegments(pointer);
  for (let n = segments.length; n >= 0; n--) {
    const node = findNodeAtLocation(tree, segments.slice(0, n));
    if (!node) continue;
    const property = node.parent?.type === 'property' ? node.parent : undefined;
    const key = property?.children?.[0];
    if (key && n === segments.length) return { offset: key.offset, length: key.length };
    if (n < segments.length && node.type === 'object') {
      // the member does not exist (a missing required attribute): point at the object's opening brace
      return { offset: node.offset, length: 1 };
    }
    return { offset: node.offset, length: Math.min(node.length, 200) };
  }
  return { offset: 0, length: 0 };
}
