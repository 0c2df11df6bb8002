import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFilter, formatFilter, parseFilter, type Filter } from '@shared/scim';
import { oracleMatches } from '../../../../bench/lib/scim-oracle';
import { generateUsers } from '../../../../bench/lib/scim-users';
import { rfcFilterExpectations, rfcFilterUsers } from '../../../fixtures/scim/rfc-filter-users';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const users = generateUsers(300, 11);

const path = fc.constantFrom(
  'userName', 'USERNAME', 'id', 'title', 'userType', 'active', 'name.givenName', 'name.familyName', 'emails', 'emails.value', 'emails.type',
  'emails.primary', 'ims', 'ims.type', 'meta.lastModified', `${ENTERPRISE}:department`, 'urn:ietf:params:scim:schemas:core:2.0:User:userName', 'nickName',
);
const subPath = fc.constantFrom('value', 'type', 'primary', 'VALUE', 'display');
const value = fc.oneof(
  fc.constantFrom('employee', 'Employee', 'work', 'WORK', 'xmpp', 'sales', 'Sales', 'EXAMPLE.COM', 'example', 'j', 'B', 'Id-1a', '', "O'Malley"),
  fc.constantFrom('2015-06-01T00:00:00Z', '2015-06-01T02:00:00+02:00', '2020-01-01T00:00:00.250Z'),
  fc.boolean(),
  fc.constant(null),
  fc.integer({ min: 0, max: 3 }),
);
const op = fc.constantFrom('eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le' as const);
const leafText = fc.oneof(
  fc.tuple(path, op, value).map(([p, o, v]) => `${p} ${o} ${JSON.stringify(v)}`),
  path.map((p) => `${p} pr`),
);
const innerLeaf = fc.oneof(fc.tuple(subPath, op, value).map(([p, o, v]) => `${p} ${o} ${JSON.stringify(v)}`), subPath.map((p) => `${p} pr`));
const { filter } = fc.letrec<{ filter: string; inner: string }>((tie) => ({
  inner: fc.oneof({ depthSize: 'small' }, innerLeaf, fc.tuple(tie('inner'), fc.constantFrom('and', 'or'), tie('inner')).map(([a, k, b]) => `(${a} ${k} ${b})`)),
  filter: fc.oneof(
    { depthSize: 'small' },
    leafText,
    fc.tuple(fc.constantFrom('emails', 'ims'), tie('inner')).map(([a, f]) => `${a}[${f}]`),
    fc.tuple(tie('filter'), fc.constantFrom('and', 'or'), tie('filter')).map(([a, k, b]) => `(${a} ${k} ${b})`),
    tie('filter').map((f) => `not (${f})`),
  ),
}));

describe('compiled filters against the plain reference evaluator', () => {
  it('agrees on the RFC examples and their expected users', () => {
    for (const [text, ids] of Object.entries(rfcFilterExpectations)) {
      expect(rfcFilterUsers.filter((u) => oracleMatches(u, parseFilter(text))).map((u) => u.id)).toEqual(ids);
    }
  });

  it('agrees on random filters over generated users', () => {
    fc.assert(
      fc.property(filter, (text) => {
        const ast: Filter = parseFilter(text);
        const compiled = compileFilter(ast);
        for (const user of users) {
          if (compiled(user) !== oracleMatches(user, ast)) throw new Error(`${formatFilter(ast)} differs on ${JSON.stringify(user)}`);
        }
      }),
      { numRuns: 400 },
    );
  });
});
