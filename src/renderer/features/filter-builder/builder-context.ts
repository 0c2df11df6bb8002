import { createContext, useContext } from 'react';
import type { ScimResourceType, SchemaRegistry } from '@shared/scim';
import type { AttributeOption } from './attributes';
import type { NodeProblem } from './problems';
import type { FilterNode, GroupNode } from './tree';

export interface BuilderContextValue {
  registry: SchemaRegistry;
  resourceType: ScimResourceType | undefined;
  /** every top-level path the picker offers */
  options: AttributeOption[];
  problems: Map<string, NodeProblem>;
  /** the text has an error: the tree shows the last good filter and cannot be edited */
  readOnly: boolean;
  update(id: string, change: (node: FilterNode) => FilterNode | undefined): void;
  append(groupId: string, child: FilterNode): void;
  move(groupId: string, childId: string, delta: -1 | 1): void;
  /** focus goes to the node with this id after the next render */
  focusNext(id: string): void;
  pendingFocus: { current: string | undefined };
  root: GroupNode;
}

export const BuilderContext = createContext<BuilderContextValue | null>(null);

export function useBuilder(): BuilderContextValue {
  const value = useContext(BuilderContext);
  if (!value) throw new Error('useBuilder() outside <FilterBuilder>');
  return value;
}
