/** The npm SCIM filter and PATCH libraries the benchmark compares against, behind one small interface each. */
import scim2ParseFilter from 'scim2-parse-filter';
import scim2Filter from 'scim2-filter';
import scimQueryFilterParser from 'scim-query-filter-parser';
import { scimPatch } from 'scim-patch';
import SCIMMY from 'scimmy';
import type { ScimModule } from './native-scim';

export type Resource = Record<string, unknown>;

export interface FilterLibrary {
  name: string;
  /** what "parse" means for this library */
  parseNote: string;
  parse(text: string): unknown;
  /** a function answering, for each resource, whether it matches (compiled once) */
  matcher(text: string): (resources: Resource[]) => boolean[];
  /** the same work without building the answer list, for timing: how many match */
  counter(text: string): (resources: Resource[]) => number;
}

function predicateLibrary(name: string, parseNote: string, parse: (t: string) => unknown, compile: (t: string) => (r: Resource) => boolean): FilterLibrary {
  return {
    name,
    parseNote,
    parse,
    matcher: (text) => {
      const predicate = compile(text);
      return (resources) =>
        resources.map((r) => {
          try {
            return predicate(r);
          } catch {
            return 'threw' as unknown as boolean;
          }
        });
    },
    counter: (text) => {
      const predicate = compile(text);
      return (resources) => {
        let n = 0;
        for (let i = 0; i < resources.length; i++) if (predicate(resources[i]!)) n++;
        return n;
      };
    },
  };
}

const Filter = SCIMMY.Types.Filter;

/** Ours first, then the peers. */
export const filterLibraries = (ours: ScimModule): FilterLibrary[] => [
  predicateLibrary('SCIM Inspector (ours)', 'parseFilter', (t) => ours.parseFilter(t), (t) => ours.compileFilter(t)),
  predicateLibrary('scim2-parse-filter 0.2.10', 'parse', (t) => scim2ParseFilter.parse(t), (t) => scim2ParseFilter.filter(scim2ParseFilter.parse(t))),
  predicateLibrary('scim2-filter 0.2.0', 'parse', (t) => scim2Filter.parse(t), (t) => scim2Filter.filter(scim2Filter.parse(t))),
  predicateLibrary('scim-query-filter-parser 2.0.4', 'compileFilter (parses and compiles; no separate parser)', (t) => scimQueryFilterParser.compileFilter(t), (t) => scimQueryFilterParser.compileFilter(t)),
  {
    name: 'SCIMMY 1.3.5 Types.Filter',
    parseNote: 'new Types.Filter(text)',
    parse: (t) => new Filter(t),
    matcher: (text) => {
      const filter = new Filter(text);
      return (resources) => {
        const matched = new Set(filter.match(resources));
        return resources.map((r) => matched.has(r));
      };
    },
    counter: (text) => {
      const filter = new Filter(text);
      return (resources) => filter.match(resources).length;
    },
  },
];

export const scimPatchPeer = {
  name: 'scim-patch 0.8.3',
  apply: (resource: Resource, operations: unknown[]): Resource =>
    scimPatch(resource as never, operations as never, { mutateDocument: false, treatMissingAsAdd: true }) as unknown as Resource,
};
