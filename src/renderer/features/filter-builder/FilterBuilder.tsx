import { useCallback, useId, useMemo, useRef, useState } from 'react';
import type { ScimResourceType, SchemaRegistry } from '@shared/scim';
import { CopyButton } from '../../app/CopyButton';
import { attributeOptions } from './attributes';
import { BuilderContext, type BuilderContextValue } from './builder-context';
import { encodeFilterParam } from './encode';
import { FilterTextEditor, type FilterTextEditorHandle, type TextMark } from './FilterTextEditor';
import { GroupBody } from './GroupEditor';
import { parseFilterText, type ParsedText } from './parse-text';
import { treeToText } from './print';
import { findProblems } from './problems';
import { appendChild, countConditions, moveChild, updateNode, type FilterNode, type GroupNode } from './tree';

export interface FilterBuilderProps {
  /** the filter text (the request's `filter` parameter) */
  value: string;
  onChange(text: string): void;
  registry: SchemaRegistry;
  resourceType: ScimResourceType | undefined;
  /** show the visual tree below the text (the text is always there) */
  showTree?: boolean;
  /** the query string the request will carry for this filter (defaults to `filter=` + encoding) */
  encode?: (filter: string) => string;
  /** Ctrl/Cmd+Enter in the text, e.g. to send */
  onSubmit?(): void;
}

/** 1-based line and column of an offset, for messages. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/**
 * The filter builder: the text form (parsed live, errors underlined where they are) and a tree of
 * conditions, groups and value filters, kept in step both ways. The tree keeps the grouping the
 * user built; while the text has an error the tree holds the last good filter and waits.
 */
export function FilterBuilder({ value, onChange, registry, resourceType, showTree = true, encode = encodeFilterParam, onSubmit }: FilterBuilderProps) {
  const messageId = useId();
  const textRef = useRef<FilterTextEditorHandle>(null);
  const options = useMemo(() => attributeOptions(registry, resourceType), [registry, resourceType]);
  const parseOptions = useMemo(() => ({ registry, resourceType }), [registry, resourceType]);

  const [state, setState] = useState(() => {
    const parsed = parseFilterText(value, parseOptions);
    return { text: value, parsed, tree: parsed.ok ? parsed.tree : ({ id: 'root', kind: 'group', join: 'and', not: false, children: [] } as GroupNode) };
  });

  // the value changed outside (another tab's draft, the search body): read it again
  if (value !== state.text) {
    const parsed = parseFilterText(value, parseOptions, state.tree);
    setState({ text: value, parsed, tree: parsed.ok ? parsed.tree : state.tree });
  }
  const { text, parsed, tree } = state;

  const onText = (next: string) => {
    const nextParsed = parseFilterText(next, parseOptions, tree);
    setState({ text: next, parsed: nextParsed, tree: nextParsed.ok ? nextParsed.tree : tree });
    onChange(next);
  };

  const latest = useRef(state);
  latest.current = state;
  const setTree = useCallback(
    (change: (root: GroupNode) => GroupNode) => {
      const current = latest.current;
      const nextTree = change(current.tree);
      if (nextTree === current.tree) return;
      const nextText = treeToText(nextTree);
      const nextParsed: ParsedText = nextText === current.text && current.parsed.ok ? current.parsed : parseFilterText(nextText, parseOptions, nextTree);
      // the tree the user built stays as it is (incomplete rows included), whatever the re-read says
      const next = { text: nextText, parsed: nextParsed, tree: nextTree };
      latest.current = next;
      setState(next);
      if (nextText !== current.text) onChange(nextText);
    },
    [onChange, parseOptions],
  );

  const pendingFocus = useRef<string | undefined>(undefined);
  const problems = useMemo(() => findProblems(tree, registry, resourceType), [tree, registry, resourceType]);
  const context: BuilderContextValue = {
    registry,
    resourceType,
    options,
    problems,
    readOnly: !parsed.ok,
    root: tree,
    pendingFocus,
    update: (id, change) => setTree((root) => updateNode(root, id, change)),
    append: (groupId, child: FilterNode) => setTree((root) => appendChild(root, groupId, child)),
    move: (groupId, childId, delta) => setTree((root) => moveChild(root, groupId, childId, delta)),
    focusNext: (id) => {
      pendingFocus.current = id;
    },
  };

  const marks: TextMark[] = [];
  if (!parsed.ok) {
    marks.push({ start: parsed.error.position, end: parsed.error.position + parsed.error.length, severity: 'error', message: parsed.error.message });
  } else {
    for (const d of parsed.deviations) marks.push({ start: d.position, end: d.position + d.length, severity: 'warning', message: d.message });
    for (const [id, problem] of problems) {
      const span = parsed.spans.get(id);
      if (span) marks.push({ start: span.start, end: span.end, severity: 'warning', message: problem.message });
    }
  }
  const counts = countConditions(tree);
  const where = !parsed.ok ? lineColumn(text, parsed.error.position) : undefined;
  const multiline = text.includes('\n');

  return (
    <BuilderContext.Provider value={context}>
      <div className="filter-builder">
        <div className="fb-text-row">
          <FilterTextEditor
            ref={textRef}
            value={text}
            onChange={onText}
            marks={marks}
            label="Filter text"
            describedBy={messageId}
            invalid={!parsed.ok}
            placeholder='e.g. userName sw "j" and emails[type eq "work"]'
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && onSubmit) {
                event.preventDefault();
                onSubmit();
              }
            }}
          />
        </div>
        <div id={messageId} className="fb-messages">
          {!parsed.ok && where && (
            <p className="fb-error" role="alert">
              <span className="fb-error-where">{multiline ? `Line ${where.line}, column ${where.column}` : `Column ${where.column}`}:</span> {parsed.error.message}
              <button type="button" className="link-btn" onClick={() => textRef.current?.select(parsed.error.position, parsed.error.position + parsed.error.length)}>
                Show
              </button>
            </p>
          )}
          {parsed.ok && parsed.grammar === 'lenient' && (
            <p className="fb-warning" role="note">
              Not RFC 7644 filter grammar, but a form servers meet in the wild (read leniently): {parsed.deviations.map((d) => d.message).join('; ')}
            </p>
          )}
          {parsed.ok &&
            !showTree &&
            [...problems.values()].map((problem, i) => (
              <p key={i} className="fb-warning" role="note">
                {problem.message}
              </p>
            ))}
          {parsed.ok && counts.incomplete > 0 && (
            <p className="muted small">
              {counts.incomplete} incomplete condition{counts.incomplete === 1 ? ' is' : 's are'} left out of the text until {counts.incomplete === 1 ? 'it has' : 'they have'} an attribute and a value.
            </p>
          )}
        </div>
        {text.trim() !== '' && parsed.ok && (
          <div className="fb-encoded">
            <code className="fb-encoded-text" aria-label="Encoded query">
              {encode(text)}
            </code>
            <CopyButton text={() => encode(text)} label="Copy encoded query" />
          </div>
        )}
        {showTree && (
          <fieldset className="fb-tree" disabled={!parsed.ok} aria-label="Filter conditions">
            {!parsed.ok && <p className="fb-tree-note muted small">Fix the text above to edit the tree again; it shows the last valid filter.</p>}
            <div className="fb-root">
              <GroupBody group={tree} parent={undefined} depth={0} />
            </div>
          </fieldset>
        )}
      </div>
    </BuilderContext.Provider>
  );
}
