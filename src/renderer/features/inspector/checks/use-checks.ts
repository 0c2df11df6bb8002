import { useEffect, useMemo, useState } from 'react';
import type { HttpExchange } from '@shared/model/exchange';
import type { RequestSpec } from '@shared/model/request-spec';
import type { SchemaRegistry } from '@shared/scim';
import type { OpenBody } from '../body/load-body';
import { pagingOf } from '../paging/paging-spec';
import type { BodyService } from '../worker/body-service';
import { registryData, type CheckReport } from '@shared/scim/checks/response/run';
import { requestTarget } from '@shared/scim/checks/response/target';

export { requestTarget };

function pathOf(exchange: HttpExchange, spec: RequestSpec | undefined): string {
  if (spec) return spec.path;
  try {
    const url = new URL(exchange.request.url);
    return url.pathname + url.search;
  } catch {
    return exchange.request.url;
  }
}

/** The SCIM checks of a loaded response body, computed in the body worker. */
export function useChecks(exchange: HttpExchange, spec: RequestSpec | undefined, registry: SchemaRegistry, body: OpenBody | undefined, service: BodyService | undefined): CheckReport | undefined {
  const [report, setReport] = useState<{ doc: string; registry: SchemaRegistry; report: CheckReport }>();
  const path = pathOf(exchange, spec);
  const input = useMemo(() => {
    if (!exchange.response) return undefined;
    const { target, resourceType } = requestTarget(path, registry);
    return {
      facts: { method: exchange.request.method.toUpperCase(), status: exchange.response.status, path, headers: exchange.response.headers, target },
      paging: spec ? pagingOf(spec) : {},
      ...(resourceType ? { resourceType } : {}),
      registry: registryData(registry),
    };
  }, [exchange, path, registry, spec]);

  useEffect(() => {
    if (!body || !service || !input) return;
    let live = true;
    service.request({ op: 'check', doc: body.doc, input }).then(
      (result) => live && setReport({ doc: body.doc, registry, report: result }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [body, service, input, registry]);

  return report && body && report.doc === body.doc && report.registry === registry ? report.report : undefined;
}
