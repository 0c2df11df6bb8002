import { useEffect, useState } from 'react';
import type { JsonObject, SchemaRegistry } from '@shared/scim';
import type { OpenBody } from '../body/load-body';
import type { BodyService } from '../worker/body-service';
import { RESOURCE_ACTIONS, type ResourceAction, type ResourceTarget } from './resource-actions';

/** A resource body larger than this is not read whole for the actions (Replace from a list row fetches it instead). */
const MAX_RESOURCE_CHARS = 4 * 1024 * 1024;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

function member(object: JsonObject, name: string): unknown {
  const key = Object.keys(object).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : object[key];
}

/** The resource a body is, as a target for actions: it has an id and a resource type the registry or its meta names. */
export function resourceTarget(resource: JsonObject, registry: SchemaRegistry, fallbackEndpoint: string | undefined): ResourceTarget | undefined {
  const id = member(resource, 'id');
  if (typeof id !== 'string' || id === '') return undefined;
  const meta = member(resource, 'meta');
  const location = isObject(meta) ? member(meta, 'location') : undefined;
  const rt = registry.resourceTypeOf(resource);
  const endpoint = rt?.endpoint ?? fallbackEndpoint;
  if (!endpoint) return undefined;
  const label = ['userName', 'displayName', 'externalId'].map((k) => member(resource, k)).find((v): v is string => typeof v === 'string' && v !== '');
  return { resourceTypeEndpoint: endpoint, id, resource, ...(typeof location === 'string' ? { location } : {}), ...(label ? { label } : {}) };
}

interface ResourceBarProps {
  body: OpenBody;
  service: BodyService;
  registry: SchemaRegistry;
  /** the collection the request addressed (`/Users`), for a resource whose type the registry does not know */
  fallbackEndpoint: string | undefined;
  onAction(action: ResourceAction, target: ResourceTarget): void;
}

/** Above a resource body: GET, PATCH, PUT (from this resource) or DELETE it, each in a new tab. */
export function ResourceBar({ body, service, registry, fallbackEndpoint, onAction }: ResourceBarProps) {
  const [target, setTarget] = useState<ResourceTarget>();
  useEffect(() => {
    if (body.analysis.kind !== 'resource' || body.analysis.length > MAX_RESOURCE_CHARS || body.partial !== 'none') return;
    let live = true;
    void service.request({ op: 'text', doc: body.doc, view: 'raw' }).then(
      (text) => {
        if (!live) return;
        try {
          const parsed: unknown = JSON.parse(text);
          setTarget(isObject(parsed) ? resourceTarget(parsed, registry, fallbackEndpoint) : undefined);
        } catch {
          setTarget(undefined);
        }
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [body, service, registry, fallbackEndpoint]);
  if (!target) return null;
  return (
    <div className="ins-resource-bar" role="toolbar" aria-label="Act on this resource">
      <span className="ins-faint ins-resource-name">
        This resource{target.label ? <>: <strong>{target.label}</strong></> : null}
      </span>
      {RESOURCE_ACTIONS.map(({ action, method, label, help }) => (
        <button key={action} type="button" className={`ins-resource-action method-${method}`} title={help} aria-label={`${label} this resource`} onClick={() => onAction(action, target)}>
          {method}
        </button>
      ))}
    </div>
  );
}
