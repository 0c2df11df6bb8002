/** `filter=…` as it goes into a URL (RFC 3986 percent-encoding of everything but unreserved characters). */
export function encodeFilterParam(filter: string): string {
  return `filter=${encodeURIComponent(filter)}`;
}
