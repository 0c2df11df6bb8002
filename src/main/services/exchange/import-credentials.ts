import type { CredentialMover } from '../collections/credential-variables';
import type { ImportedCollection, ImportNode } from './import-tree';

function moveIn(nodes: readonly ImportNode[], mover: CredentialMover, where: string): ImportNode[] {
  return nodes.map((node) =>
    node.kind === 'folder'
      ? { ...node, children: moveIn(node.children, mover, `${where}${node.name}/`) }
      : { kind: 'request', request: mover.request(node.request, `"${where}${node.request.name}"`) },
  );
}

/**
 * An import with its credentials taken out (the parsers have moved those of secret headers
 * already): URL parameters, form fields and JSON members named like credentials become
 * `{{variables}}`, and variables named like credentials (`token`, `client_secret`) become secret
 * ones. What was taken is in `mover.secrets`, for the keychain.
 */
export function withoutCredentials(parsed: ImportedCollection, mover: CredentialMover): ImportedCollection {
  const variables: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed.variables)) {
    if (!mover.adopt(name, value, `the collection variable ${name}`)) variables[name] = value;
  }
  return { ...parsed, variables, nodes: moveIn(parsed.nodes, mover, '') };
}
