import { needs } from '../preconditions';
import { describe, idOf, requireStatus, scimTypeOf } from '../responses';
import type { CheckDefinition } from '../types';
import { fail, pass, warn } from '../verdicts';

/** Create (RFC 7644 §3.3). */
export const createChecks: CheckDefinition[] = [
  {
    id: 'C01',
    mutates: true,
    requires: needs.users,
    async run({ client, fixtures, facts }) {
      const endpoint = facts.userType!.endpoint;
      const body = fixtures.userBody();
      const response = await client.send({ method: 'POST', path: endpoint, body });
      const id = idOf(response.json);
      if (id) fixtures.track(endpoint, id);
      requireStatus(response, 201, `POST ${endpoint}`, 'Answer a successful create with 201 Created and the new resource (RFC 7644 §3.3).');
      if (!id) return fail('The 201 answer has no `id` for the new resource', { expected: 'the created resource with a server-assigned id', actual: describe(response), fix: 'Return the created resource, with its id, in the 201 body.' });
      if (id === body.userName) return warn('The server used the userName as the id', { fix: 'RFC 7643 §3.1: id is assigned by the service provider and should be stable and unrelated to mutable attributes.' });
      return pass(`POST ${endpoint} answered 201 with id ${id}`);
    },
  },
  {
    id: 'C06',
    mutates: true,
    requires: needs.users,
    async run({ client, fixtures, facts }) {
      const endpoint = facts.userType!.endpoint;
      const first = await fixtures.createUser();
      const again = { ...fixtures.userBody(), userName: first.sent.userName };
      const response = await client.send({ method: 'POST', path: endpoint, body: again });
      const id = idOf(response.json);
      if (response.status >= 200 && response.status < 300) {
        if (id) fixtures.track(endpoint, id);
        return fail('A second user with the same userName was created', { expected: '409 Conflict with scimType uniqueness', actual: describe(response), fix: 'userName has uniqueness "server" (RFC 7643 §4.1.1): refuse a duplicate with 409 and scimType "uniqueness" (RFC 7644 §3.3).' });
      }
      requireStatus(response, 409, 'The duplicate create', 'Answer a uniqueness conflict with 409 (RFC 7644 §3.3, §3.12).');
      if (scimTypeOf(response) !== 'uniqueness') {
        return fail(`The 409 carries scimType ${scimTypeOf(response) ?? '(none)'}, not uniqueness`, { expected: 'scimType "uniqueness"', actual: describe(response), fix: 'Set "scimType": "uniqueness" on a 409 for a duplicate value (RFC 7644 §3.12, Table 9).' });
      }
      return pass('A duplicate userName was refused with 409 uniqueness');
    },
  },
];
