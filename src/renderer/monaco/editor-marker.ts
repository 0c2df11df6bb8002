/** A problem found outside Monaco's JSON service (SCIM checks), by character offset. */
export interface EditorMarker {
  severity: 'error' | 'warning' | 'info';
  message: string;
  offset: number;
  length: number;
  /** e.g. "RFC 7644 §3.5.2" */
  source?: string;
}
