import type { HttpMethod } from '@shared/model/exchange';
import type { Operation } from '@shared/model/workspace';
import { methodHasBody, operationInfo } from '../model/operations';
import type { Section } from './composer-context';

/** The sections an operation has, in the order they are shown. */
export function sectionsFor(operation: Operation, method: HttpMethod): Section[] {
  const info = operationInfo(operation);
  const out: Section[] = [];
  if (info.query !== 'none') out.push('query');
  if (operation === 'patch') out.push('operations');
  if (info.body !== 'none' && (operation !== 'raw' || methodHasBody(method))) out.push('body');
  out.push('headers');
  return out;
}

/** Where a tab opens for an operation: where its main input is. */
export function defaultSection(operation: Operation, method: HttpMethod): Section {
  if (operation === 'patch') return 'operations';
  const info = operationInfo(operation);
  if (info.body === 'resource' || info.body === 'bulk' || (operation === 'raw' && methodHasBody(method))) return 'body';
  if (info.query === 'list') return 'query';
  return sectionsFor(operation, method)[0]!;
}

