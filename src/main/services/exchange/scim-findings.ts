import { setImmediate as nextTurn } from 'node:timers/promises';
import { MAX_STEP_FINDINGS, type StepChecks } from '@shared/model/collection-run';
import type { HttpExchange } from '@shared/model/exchange';
import type { Discovery } from '@shared/api/commands/discovery';
import { coreSchemas, SchemaRegistry } from '@shared/scim';
import { bodyKindOf } from '@shared/scim/checks/response/observe';
import type { CheckFinding } from '@shared/scim/checks/response/protocol';
import { registryData, runChecks } from '@shared/scim/checks/response/run';
import { pagingOfPath, requestTarget } from '@shared/scim/checks/response/target';
import type { ScimResponse } from '@shared/scim/checks/types';

/** The registry an endpoint's discovery gives (as the renderer's discovery store builds it). */
export function registryFromDiscovery(discovery: Discovery | undefined): SchemaRegistry {
  if (!discovery) return SchemaRegistry.core();
  const resourceTypes = discovery.resourceTypes.resources ?? [];
  if (discovery.usesCoreSchemas) return resourceTypes.length ? SchemaRegistry.fromDiscovery(coreSchemas, resourceTypes) : SchemaRegistry.core();
  return SchemaRegistry.fromDiscovery(discovery.schemas.resources ?? [], resourceTypes);
}

/** Bodies larger than this are not parsed for the checks (the HTTP-level ones still run). */
const MAX_CHECKED_BODY = 32 * 1024 * 1024;

/** The path and query of the request (what the checks read the target and paging from). */
function pathOf(exchange: HttpExchange): string {
  try {
    const url = new URL(exchange.request.url);
    return `${url.pathname}${url.search}`;
  } catch {
    return exchange.request.url;
  }
}

export interface ExchangeFindings {
  /** every finding, most severe first (the shared rules cap them at 2000) */
  findings: CheckFinding[];
  checks: StepChecks;
}

/**
 * The inspector's SCIM checks on one recorded answer, run in main with the shared rules
 * (`runChecks`): the body against the server's schemas, and the HTTP rules of RFC 7644 around it.
 * Undefined when no answer came.
 */
export async function checkExchange(exchange: HttpExchange, body: string | undefined, registry: SchemaRegistry): Promise<ExchangeFindings | undefined> {
  const response = exchange.response;
  if (!response) return undefined;
  const path = pathOf(exchange);
  const tooLarge = body !== undefined && body.length > MAX_CHECKED_BODY;
  const text = body === undefined || tooLarge ? '' : body;
  let json: unknown;
  try {
    json = text.trim() === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  const observed = { text, json } as Pick<ScimResponse, 'text' | 'json'>;
  const kind = bodyKindOf(observed as ScimResponse);
  const { target, resourceType } = requestTarget(path, registry);
  const report = await runChecks(
    kind,
    json,
    {
      facts: { method: exchange.request.method.toUpperCase(), status: response.status, path, headers: response.headers, target },
      paging: pagingOfPath(path),
      ...(resourceType ? { resourceType } : {}),
      registry: registryData(registry),
    },
    () => nextTurn(),
  );
  const unread = body === undefined && response.body.size > 0 ? ' (the body was not available: only the HTTP-level rules ran)' : tooLarge ? ' (the body is too large to check: only the HTTP-level rules ran)' : '';
  return {
    findings: report.findings,
    checks: {
      scope: `${report.scope}${unread}`,
      counts: report.counts,
      findings: report.findings.slice(0, MAX_STEP_FINDINGS).map((f) => ({ severity: f.severity, path: f.path, code: f.code, message: f.message, rfc: f.rfc, ...(f.checkId ? { checkId: f.checkId } : {}) })),
    },
  };
}
