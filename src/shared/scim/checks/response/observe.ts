import { isListResponse, isObject, isScimError, resourcesOf, schemasOf } from '../responses';
import type { CheckVerdict, ObservationCheck, ObservedExchange, ScimResponse, ServerFacts } from '../types';
import { fail, pass, skip, warn } from '../verdicts';
import type { BodyKind, CheckFinding } from './protocol';
import { checkResponse, registryData } from './run';
import { pagingOfPath, requestTarget } from './target';

const kinds = new WeakMap<ScimResponse, BodyKind>();

/** What the inspector would call this answer's body (worked out once per answer: every observation check asks). */
export function bodyKindOf(response: ScimResponse): BodyKind {
  let kind = kinds.get(response);
  if (kind === undefined) kinds.set(response, (kind = kindOf(response)));
  return kind;
}

function kindOf(response: ScimResponse): BodyKind {
  if (response.text.trim() === '') return 'empty';
  if (response.json === undefined) return 'text';
  const value = response.json;
  if (!isObject(value)) return 'json';
  if (isListResponse(value) || (resourcesOf(value) !== undefined && 'totalResults' in value)) return 'list';
  if (isScimError(value)) return 'error';
  return schemasOf(value).length > 0 ? 'resource' : 'json';
}

export interface ObservedFinding extends CheckFinding {
  exchangeId: string;
  /** the check whose request got this answer */
  from: string;
}

const cache = new WeakMap<readonly ObservedExchange[], ObservedFinding[]>();

/** The inspector's findings on every answer of the run (computed once per run). */
export function observedFindings(observed: readonly ObservedExchange[], facts: ServerFacts): ObservedFinding[] {
  const known = cache.get(observed);
  if (known) return known;
  const registry = registryData(facts.registry);
  const out: ObservedFinding[] = [];
  // the same users and groups come back in answer after answer: each text is checked once
  const clean = new Set<string>();
  for (const { response, checkId } of observed) {
    if (response.status === 0) continue;
    const { target, resourceType } = requestTarget(response.path, facts.registry);
    const input = {
      facts: { method: response.method, status: response.status, path: response.path, headers: response.headers, target },
      paging: pagingOfPath(response.path),
      ...(resourceType ? { resourceType } : {}),
      registry,
    };
    for (const finding of checkResponse(bodyKindOf(response), response.json, input, facts.registry, clean)) out.push({ ...finding, exchangeId: response.exchangeId, from: checkId });
  }
  cache.set(observed, out);
  return out;
}

/** Up to 20 distinct exchange ids, for a result's evidence. */
export function evidence(ids: Iterable<string>): string[] {
  return [...new Set(ids)].slice(0, 20);
}

function summarize(findings: readonly ObservedFinding[]): string {
  const first = findings[0]!;
  const answers = new Set(findings.map((f) => f.exchangeId)).size;
  return `${findings.length} finding${findings.length === 1 ? '' : 's'} in ${answers} answer${answers === 1 ? '' : 's'}; first: ${first.message}${first.path ? ` (at ${first.path})` : ''}`;
}

/**
 * A check judged over every answer of the run by the inspector's own rules: fails on an error finding
 * of these codes, warns on a warning, passes otherwise. `applies` picks the answers the rule is about
 * (none seen: skipped).
 */
export function observeCodes(id: string, codes: readonly string[], options: { fix: string; applies?: (o: ObservedExchange) => boolean; what?: string; profiles?: ObservationCheck['profiles'] }): ObservationCheck {
  const wanted = new Set(codes);
  const applies = options.applies ?? ((o: ObservedExchange) => o.response.status > 0);
  return {
    id,
    ...(options.profiles ? { profiles: options.profiles } : {}),
    observe(observed, facts) {
      let relevant = 0;
      for (const o of observed) if (applies(o)) relevant++;
      if (relevant === 0) return skip(`No ${options.what ?? 'answer'} was seen in this run`);
      // findings are few and answers many: look up each finding's answer rather than listing the answers
      const answers = answersById(observed);
      const found = observedFindings(observed, facts).filter((f) => {
        const answer = wanted.has(f.code) ? answers.get(f.exchangeId) : undefined;
        return answer !== undefined && applies(answer);
      });
      const errors = found.filter((f) => f.severity === 'error');
      const warnings = found.filter((f) => f.severity === 'warning');
      const verdict: CheckVerdict = errors.length
        ? fail(summarize(errors), { fix: options.fix, actual: errors[0]!.message })
        : warnings.length
          ? warn(summarize(warnings), { fix: options.fix, actual: warnings[0]!.message })
          : pass(`${relevant} ${options.what ?? 'answer'}${relevant === 1 ? '' : 's'} checked: none breaks the rule`);
      return { ...verdict, exchanges: evidence((errors.length ? errors : warnings).map((f) => f.exchangeId)) };
    },
  };
}

const byIdCache = new WeakMap<readonly ObservedExchange[], Map<string, ObservedExchange>>();

function answersById(observed: readonly ObservedExchange[]): Map<string, ObservedExchange> {
  let map = byIdCache.get(observed);
  if (!map || map.size !== observed.length) byIdCache.set(observed, (map = new Map(observed.map((o) => [o.response.exchangeId, o]))));
  return map;
}

/** Answers that carry resources (a resource, or a ListResponse of them). */
export const carriesResources = (o: ObservedExchange) => {
  let carries = carrying.get(o.response);
  if (carries === undefined) carrying.set(o.response, (carries = answerCarriesResources(o.response)));
  return carries;
};

const carrying = new WeakMap<ScimResponse, boolean>();

function answerCarriesResources(response: ScimResponse): boolean {
  if (response.status < 200 || response.status >= 300) return false;
  const kind = bodyKindOf(response);
  return (kind === 'resource' || kind === 'list') && !/\/(schemas|resourcetypes|serviceproviderconfig|bulk)(\/|\?|$)/i.test(response.path);
}

/** Answers with whole resources: not narrowed by `attributes` / `excludedAttributes` (RFC 7644 §3.4.2.5). */
export const carriesWholeResources = (o: ObservedExchange) => carriesResources(o) && !projected(o);

/** The request narrowed its answer: `attributes`/`excludedAttributes` in the query or in a SearchRequest body. */
function projected(o: ObservedExchange): boolean {
  if (/[?&](attributes|excludedattributes)=/i.test(o.response.path)) return true;
  const body = o.request.body ?? (o.request.rawBody !== undefined ? safeParse(o.request.rawBody) : undefined);
  return isObject(body) && Object.keys(body).some((k) => ['attributes', 'excludedattributes'].includes(k.toLowerCase()));
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Error answers (4xx and 5xx). */
export const errorAnswers = (o: ObservedExchange) => o.response.status >= 400;
