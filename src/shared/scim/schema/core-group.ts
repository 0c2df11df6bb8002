import { URN } from '../urns';
import { attr, multi } from './define';
import type { ScimSchema } from './types';

/** RFC 7643 §4.2 and §8.7.1: the Group resource schema. */
export const groupSchema: ScimSchema = {
  id: URN.group,
  name: 'Group',
  description: 'Group',
  attributes: [
    // §4.2 says REQUIRED; §8.7.1's representation says "required": false. We follow the normative §4.2 text.
    attr('displayName', 'string', 'A human-readable name for the Group. REQUIRED.', { required: true }),
    multi('members', 'A list of members of the Group.', [
      attr('value', 'string', 'Identifier of the member of this Group (the member resource\'s "id").', { mutability: 'immutable' }),
      attr('$ref', 'reference', 'The URI corresponding to a SCIM resource that is a member of this Group.', {
        mutability: 'immutable',
        referenceTypes: ['User', 'Group'],
      }),
      attr('type', 'string', "A label indicating the type of resource, e.g., 'User' or 'Group'.", {
        mutability: 'immutable',
        canonicalValues: ['User', 'Group'],
      }),
      // Not in §8.7.1's representation; used by RFC 7643 §8.4 and RFC 7644 §3.5.2.1's examples, with
      // §2.4's "display" characteristics (immutable).
      attr('display', 'string', 'A human-readable name for the member, primarily used for display purposes.', { mutability: 'immutable' }),
    ]),
  ],
};
