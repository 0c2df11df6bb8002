/**
 * The required fields of HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) with their
 * types, as Chromium's DevTools HAR importer reads them. Returns every problem found.
 */
export function harProblems(har: unknown): string[] {
  const problems: string[] = [];
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const need = (obj: Record<string, unknown>, key: string, type: 'string' | 'number' | 'array' | 'object', where: string) => {
    const v = obj[key];
    const ok = type === 'array' ? Array.isArray(v) : type === 'object' ? isObject(v) : typeof v === type;
    if (!ok) problems.push(`${where}.${key} must be ${type === 'array' || type === 'object' ? `an ${type}` : `a ${type}`}`);
    return ok;
  };
  const nameValues = (list: unknown, where: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((item, i) => {
      if (!isObject(item) || typeof item.name !== 'string' || typeof item.value !== 'string') problems.push(`${where}[${i}] must have string name and value`);
    });
  };
  if (!isObject(har) || !isObject(har.log)) return ['log must be an object'];
  const log = har.log;
  if (log.version !== '1.2') problems.push('log.version must be "1.2"');
  if (need(log, 'creator', 'object', 'log')) {
    need(log.creator as Record<string, unknown>, 'name', 'string', 'log.creator');
    need(log.creator as Record<string, unknown>, 'version', 'string', 'log.creator');
  }
  if (!need(log, 'entries', 'array', 'log')) return problems;
  (log.entries as unknown[]).forEach((entry, i) => {
    const at = `log.entries[${i}]`;
    if (!isObject(entry)) return problems.push(`${at} must be an object`);
    if (need(entry, 'startedDateTime', 'string', at) && Number.isNaN(Date.parse(entry.startedDateTime as string))) problems.push(`${at}.startedDateTime is not ISO 8601`);
    need(entry, 'time', 'number', at);
    need(entry, 'cache', 'object', at);
    if (need(entry, 'request', 'object', at)) {
      const r = entry.request as Record<string, unknown>;
      for (const k of ['method', 'url', 'httpVersion'] as const) need(r, k, 'string', `${at}.request`);
      for (const k of ['cookies', 'headers', 'queryString'] as const) need(r, k, 'array', `${at}.request`);
      for (const k of ['headersSize', 'bodySize'] as const) need(r, k, 'number', `${at}.request`);
      nameValues(r.headers, `${at}.request.headers`);
      nameValues(r.queryString, `${at}.request.queryString`);
      try {
        new URL(r.url as string);
      } catch {
        problems.push(`${at}.request.url must be an absolute URL`);
      }
      if (r.postData !== undefined) {
        const p = r.postData as Record<string, unknown>;
        need(p, 'mimeType', 'string', `${at}.request.postData`);
        need(p, 'text', 'string', `${at}.request.postData`);
      }
    }
    if (need(entry, 'response', 'object', at)) {
      const r = entry.response as Record<string, unknown>;
      need(r, 'status', 'number', `${at}.response`);
      for (const k of ['statusText', 'httpVersion', 'redirectURL'] as const) need(r, k, 'string', `${at}.response`);
      for (const k of ['cookies', 'headers'] as const) need(r, k, 'array', `${at}.response`);
      for (const k of ['headersSize', 'bodySize'] as const) need(r, k, 'number', `${at}.response`);
      nameValues(r.headers, `${at}.response.headers`);
      if (need(r, 'content', 'object', `${at}.response`)) {
        need(r.content as Record<string, unknown>, 'size', 'number', `${at}.response.content`);
        need(r.content as Record<string, unknown>, 'mimeType', 'string', `${at}.response.content`);
      }
    }
    if (need(entry, 'timings', 'object', at)) {
      const t = entry.timings as Record<string, unknown>;
      for (const k of ['send', 'wait', 'receive'] as const) {
        if (need(t, k, 'number', `${at}.timings`) && (t[k] as number) < 0) problems.push(`${at}.timings.${k} must not be negative`);
      }
      for (const k of ['blocked', 'dns', 'connect', 'ssl'] as const) {
        if (t[k] !== undefined && (typeof t[k] !== 'number' || (t[k] as number) < -1)) problems.push(`${at}.timings.${k} must be a number ≥ -1`);
      }
    }
  });
  return problems;
}
