import type { ScimAttribute, ScimResourceType, SchemaRegistry } from '@shared/scim';
import { attributeOptions, operatorsFor, resolveConditionPath, subAttributeOptions, valuePathOptions, valueType } from './attributes';
import { didYouMean } from './did-you-mean';
import type { FilterNode, GroupNode } from './tree';

export interface NodeProblem {
  message: string;
  /** a known path to offer instead */
  suggestion?: string;
}

/**
 * What the schema says is wrong with the tree, by node id: attributes the server does not define
 * (with a "did you mean"), value filters on attributes that are not multi-valued complex, and
 * values of the wrong type. The server may still accept them; these are warnings, not errors.
 */
export function findProblems(root: GroupNode, registry: SchemaRegistry, resourceType: ScimResourceType | undefined): Map<string, NodeProblem> {
  const problems = new Map<string, NodeProblem>();
  const topOptions = attributeOptions(registry, resourceType);
  const topPaths = topOptions.map((o) => o.path);
  const where = resourceType ? ` of ${resourceType.name}` : '';

  const visit = (node: FilterNode, parent: { name: string; attribute: ScimAttribute | undefined } | undefined) => {
    if (node.kind === 'group') {
      for (const child of node.children) visit(child, parent);
      return;
    }
    if (node.kind === 'valuePath') {
      const name = node.attribute.trim();
      const attribute = name ? resolveConditionPath(registry, resourceType, name) : undefined;
      if (name && !attribute) {
        const suggestion = didYouMean(name, valuePathOptions(topOptions).map((o) => o.path));
        problems.set(node.id, { message: `"${name}" is not an attribute${where}${suggestion ? `; did you mean ${suggestion}?` : ''}`, ...(suggestion ? { suggestion } : {}) });
      } else if (attribute && (attribute.type !== 'complex' || !attribute.multiValued)) {
        problems.set(node.id, { message: `"${name}" is not a multi-valued complex attribute: a value filter "${name}[…]" needs one such as emails or members` });
      }
      visit(node.filter, { name, attribute });
      return;
    }
    const path = node.path.trim();
    if (!path) return;
    const attribute = resolveConditionPath(registry, resourceType, path, parent);
    if (!attribute) {
      if (parent && !parent.attribute) return;
      const known = parent ? subAttributeOptions(parent.attribute).map((o) => o.path) : topPaths;
      const suggestion = didYouMean(path, known);
      const what = parent ? `a sub-attribute of ${parent.name}` : `an attribute${where}`;
      problems.set(node.id, { message: `"${path}" is not ${what}${suggestion ? `; did you mean ${suggestion}?` : ''}`, ...(suggestion ? { suggestion } : {}) });
      return;
    }
    if (!operatorsFor(attribute).includes(node.op)) {
      problems.set(node.id, { message: `"${node.op}" does not apply to ${attribute.type} attribute ${path} (use ${operatorsFor(attribute).join(', ')})` });
      return;
    }
    if (node.op === 'pr' || node.value === undefined || node.value === null) return;
    const type = valueType(attribute);
    const value = node.value;
    if (type === 'boolean' && typeof value !== 'boolean') problems.set(node.id, { message: `${path} is boolean: compare it with true or false, not ${JSON.stringify(value)}` });
    else if ((type === 'integer' || type === 'decimal') && typeof value !== 'number') problems.set(node.id, { message: `${path} is a number (${type}): write it without quotes` });
    else if (type === 'integer' && typeof value === 'number' && !Number.isInteger(value)) problems.set(node.id, { message: `${path} is an integer: ${value} has a fraction` });
    else if ((type === 'string' || type === 'reference' || type === 'dateTime' || type === 'binary') && typeof value !== 'string') {
      problems.set(node.id, { message: `${path} is a ${type}: its value needs double quotes ("${String(value)}")` });
    } else if (type === 'dateTime' && typeof value === 'string' && Number.isNaN(Date.parse(value))) {
      problems.set(node.id, { message: `${path} is a dateTime: "${value}" is not one (e.g. "2024-05-13T04:42:34Z")` });
    }
  };
  visit(root, undefined);
  return problems;
}
