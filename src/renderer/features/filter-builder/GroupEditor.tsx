import { useEffect, useId, useMemo, useRef } from 'react';
import type { ScimAttribute } from '@shared/scim';
import { AttributePicker } from './AttributePicker';
import { operatorsFor, OPERATOR_LABELS, resolveConditionPath, subAttributeOptions, valuePathOptions, valueType } from './attributes';
import { useBuilder } from './builder-context';
import { emptyGroup, newCondition, newValuePath, type ConditionNode, type FilterNode, type GroupNode, type Join, type ValuePathNode } from './tree';
import { ValueInput } from './ValueInput';

interface Parent {
  name: string;
  attribute: ScimAttribute | undefined;
}

function RowTools({ groupId, node, index, count, what }: { groupId: string; node: FilterNode; index: number; count: number; what: string }) {
  const { update, move, readOnly } = useBuilder();
  return (
    <span className="row-tools">
      <button type="button" className="icon-btn" aria-label={`Move ${what} up`} title="Move up" disabled={readOnly || index === 0} onClick={() => move(groupId, node.id, -1)}>
        ↑
      </button>
      <button type="button" className="icon-btn" aria-label={`Move ${what} down`} title="Move down" disabled={readOnly || index === count - 1} onClick={() => move(groupId, node.id, 1)}>
        ↓
      </button>
      <button type="button" className="icon-btn icon-btn-danger" aria-label={`Remove ${what}`} title="Remove" disabled={readOnly} onClick={() => update(node.id, () => undefined)}>
        ×
      </button>
    </span>
  );
}

function Problem({ id, nodeId, onFix }: { id: string; nodeId: string; onFix(path: string): void }) {
  const { problems, readOnly } = useBuilder();
  const problem = problems.get(nodeId);
  if (!problem) return null;
  return (
    <div className="row-problem" id={id} role="note">
      <span aria-hidden="true">⚠</span> {problem.message}
      {problem.suggestion && (
        <button type="button" className="link-btn" disabled={readOnly} onClick={() => onFix(problem.suggestion!)}>
          Use {problem.suggestion}
        </button>
      )}
    </div>
  );
}

function useFocusWhenNew(id: string) {
  const { pendingFocus } = useBuilder();
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (pendingFocus.current === id) {
      pendingFocus.current = undefined;
      ref.current?.focus();
    }
  });
  return ref;
}

function ConditionRow({ node, groupId, index, count, parent }: { node: ConditionNode; groupId: string; index: number; count: number; parent: Parent | undefined }) {
  const { registry, resourceType, options, update, readOnly, problems } = useBuilder();
  const problemId = useId();
  const inputRef = useFocusWhenNew(node.id);
  const attribute = resolveConditionPath(registry, resourceType, node.path, parent);
  const pickerOptions = useMemo(() => (parent ? subAttributeOptions(parent.attribute) : options), [parent, options]);
  const operators = operatorsFor(attribute);
  const setPath = (path: string) =>
    update(node.id, (n) => {
      if (n.kind !== 'condition') return n;
      const next = resolveConditionPath(registry, resourceType, path, parent);
      const ops = operatorsFor(next);
      const op = ops.includes(n.op) ? n.op : ops.includes('eq') ? 'eq' : 'pr';
      // a value typed for an unknown or same-typed attribute still fits; another type starts afresh
      const keepValue = !attribute || !next || valueType(next) === valueType(attribute);
      return { ...n, path, op, value: keepValue ? n.value : valueType(next) === 'boolean' ? true : undefined };
    });
  const type = valueType(attribute);
  const canonical = attribute?.type === 'complex' ? attribute.subAttributes?.find((s) => s.name === 'value')?.canonicalValues : attribute?.canonicalValues;
  return (
    <li className={`fb-row fb-condition${problems.has(node.id) ? ' has-problem' : ''}`}>
      <div role="group" aria-label={`Condition ${index + 1}`} className="fb-condition-fields">
        <AttributePicker
          value={node.path}
          options={pickerOptions}
          onCommit={setPath}
          label="Attribute"
          placeholder={parent ? 'sub-attribute' : 'attribute'}
          invalid={problems.has(node.id)}
          describedBy={problems.has(node.id) ? problemId : undefined}
          disabled={readOnly}
          inputRef={inputRef}
          className="fb-attr"
        />
        <select
          className="select fb-op"
          aria-label="Operator"
          disabled={readOnly}
          value={node.op}
          onChange={(event) => update(node.id, (n) => (n.kind === 'condition' ? { ...n, op: event.target.value as ConditionNode['op'] } : n))}
        >
          {(operators.includes(node.op) ? operators : [node.op, ...operators]).map((op) => (
            <option key={op} value={op}>
              {op} · {OPERATOR_LABELS[op]}
            </option>
          ))}
        </select>
        {node.op !== 'pr' && (
          <ValueInput
            type={type}
            canonicalValues={canonical}
            value={node.value}
            label="Value"
            disabled={readOnly}
            onChange={(value) => update(node.id, (n) => (n.kind === 'condition' ? { ...n, value } : n))}
          />
        )}
        <RowTools groupId={groupId} node={node} index={index} count={count} what="condition" />
      </div>
      <Problem id={problemId} nodeId={node.id} onFix={setPath} />
    </li>
  );
}

function ValuePathRow({ node, groupId, index, count }: { node: ValuePathNode; groupId: string; index: number; count: number }) {
  const { registry, resourceType, options, update, readOnly } = useBuilder();
  const problemId = useId();
  const inputRef = useFocusWhenNew(node.id);
  const multiValued = useMemo(() => valuePathOptions(options), [options]);
  const attribute = resolveConditionPath(registry, resourceType, node.attribute);
  const setAttribute = (path: string) => update(node.id, (n) => (n.kind === 'valuePath' ? { ...n, attribute: path } : n));
  const label = `Value filter on ${node.attribute || 'an attribute'}`;
  return (
    <li className="fb-row fb-valuepath">
      <div role="group" aria-label={label} className="fb-valuepath-box">
        <div className="fb-valuepath-head">
          <AttributePicker
            value={node.attribute}
            options={multiValued}
            onCommit={setAttribute}
            label="Multi-valued attribute"
            placeholder="emails"
            disabled={readOnly}
            inputRef={inputRef}
            describedBy={problemId}
            className="fb-attr"
          />
          <span className="fb-bracket mono" aria-hidden="true">
            [ … ]
          </span>
          <span className="muted small">some value matches all of:</span>
          <RowTools groupId={groupId} node={node} index={index} count={count} what="value filter" />
        </div>
        <Problem id={problemId} nodeId={node.id} onFix={setAttribute} />
        <GroupBody group={node.filter} parent={{ name: node.attribute, attribute }} depth={1} />
      </div>
    </li>
  );
}

function GroupRow({ node, groupId, index, count, parent, depth }: { node: GroupNode; groupId: string; index: number; count: number; parent: Parent | undefined; depth: number }) {
  return (
    <li className="fb-row fb-subgroup">
      <div role="group" aria-label={`Group ${index + 1} (${node.not ? 'not ' : ''}${node.join})`} className="fb-group-box">
        <GroupBody group={node} parent={parent} depth={depth + 1} tools={<RowTools groupId={groupId} node={node} index={index} count={count} what="group" />} />
      </div>
    </li>
  );
}

function JoinToggle({ group }: { group: GroupNode }) {
  const { update, readOnly } = useBuilder();
  const set = (join: Join) => update(group.id, (n) => (n.kind === 'group' ? { ...n, join } : n));
  return (
    <span role="radiogroup" aria-label="Combine conditions with" className="seg">
      {(['and', 'or'] as const).map((join) => (
        <button key={join} type="button" role="radio" aria-checked={group.join === join} className="seg-btn" disabled={readOnly} onClick={() => set(join)} title={join === 'and' ? 'All must match' : 'Any may match'}>
          {join.toUpperCase()}
        </button>
      ))}
    </span>
  );
}

/** A group's header (and/or, not, add buttons) and its children. */
export function GroupBody({ group, parent, depth, tools }: { group: GroupNode; parent: Parent | undefined; depth: number; tools?: React.ReactNode }) {
  const { update, append, readOnly, focusNext } = useBuilder();
  const add = (child: FilterNode) => {
    append(group.id, child);
    focusNext(child.kind === 'group' ? (child.children[0]?.id ?? child.id) : child.id);
  };
  return (
    <>
      <div className="fb-group-head">
        <JoinToggle group={group} />
        <button type="button" className="chip-btn" aria-pressed={group.not} disabled={readOnly} onClick={() => update(group.id, (n) => (n.kind === 'group' ? { ...n, not: !n.not } : n))} title="Negate this group: not (…)">
          NOT
        </button>
        <span className="fb-head-spacer" />
        <button type="button" className="btn btn-small btn-quiet" disabled={readOnly} onClick={() => add(newCondition())}>
          + Condition
        </button>
        <button
          type="button"
          className="btn btn-small btn-quiet"
          disabled={readOnly}
          onClick={() => {
            const inner = emptyGroup(group.join === 'and' ? 'or' : 'and');
            add({ ...inner, children: [newCondition()] });
          }}
        >
          + Group
        </button>
        {!parent && depth < 6 && (
          <button type="button" className="btn btn-small btn-quiet" disabled={readOnly} onClick={() => add(newValuePath())} title="Conditions on one value of a multi-valued attribute, e.g. emails[type eq &quot;work&quot;]">
            + Value filter
          </button>
        )}
        {tools}
      </div>
      {group.children.length === 0 ? (
        <p className="fb-empty muted small">{depth === 0 ? 'No conditions: every resource matches. Add a condition, or type a filter above.' : 'Empty group: add a condition or remove the group.'}</p>
      ) : (
        <ul className={`fb-children ${group.not ? 'is-not' : ''}`} data-join={group.join}>
          {group.children.map((child, i) =>
            child.kind === 'condition' ? (
              <ConditionRow key={child.id} node={child} groupId={group.id} index={i} count={group.children.length} parent={parent} />
            ) : child.kind === 'valuePath' ? (
              <ValuePathRow key={child.id} node={child} groupId={group.id} index={i} count={group.children.length} />
            ) : (
              <GroupRow key={child.id} node={child} groupId={group.id} index={i} count={group.children.length} parent={parent} depth={depth} />
            ),
          )}
        </ul>
      )}
    </>
  );
}
