import { forwardRef, useImperativeHandle, useRef } from 'react';

export interface TextMark {
  start: number;
  end: number;
  severity: 'error' | 'warning';
  message: string;
}

interface FilterTextEditorProps {
  value: string;
  onChange(text: string): void;
  marks: TextMark[];
  label: string;
  describedBy?: string;
  invalid: boolean;
  placeholder?: string;
  onKeyDown?(event: React.KeyboardEvent<HTMLTextAreaElement>): void;
}

export interface FilterTextEditorHandle {
  select(start: number, end: number): void;
}

/** Splits the text at the marks (which do not overlap once sorted; later ones that do are dropped). */
function segments(text: string, marks: TextMark[]): { text: string; mark?: TextMark }[] {
  const sorted = [...marks].sort((a, b) => a.start - b.start);
  const out: { text: string; mark?: TextMark }[] = [];
  let at = 0;
  for (const mark of sorted) {
    if (mark.start < at) continue;
    if (mark.start > at) out.push({ text: text.slice(at, mark.start) });
    // an error at the very end (or an empty span) still needs something to underline
    const end = Math.max(mark.end, mark.start);
    out.push({ text: end > mark.start ? text.slice(mark.start, end) : ' ', mark });
    at = end;
  }
  if (at < text.length) out.push({ text: text.slice(at) });
  return out;
}

/**
 * The filter as text, editable, with wavy underlines where the parser stopped (error) or the
 * schema has doubts (warning): a transparent textarea over a mirror that draws the marks.
 */
export const FilterTextEditor = forwardRef<FilterTextEditorHandle, FilterTextEditorProps>(function FilterTextEditor(
  { value, onChange, marks, label, describedBy, invalid, placeholder, onKeyDown },
  ref,
) {
  const area = useRef<HTMLTextAreaElement>(null);
  const mirror = useRef<HTMLDivElement>(null);
  useImperativeHandle(ref, () => ({
    select(start, end) {
      area.current?.focus();
      area.current?.setSelectionRange(start, Math.max(start, end));
    },
  }));
  return (
    <div className={`fb-text ${invalid ? 'is-invalid' : ''}`}>
      <div className="fb-text-mirror mono" ref={mirror} aria-hidden="true">
        {segments(value, marks).map((segment, i) =>
          segment.mark ? (
            <mark key={i} className={`squiggle squiggle-${segment.mark.severity}`} data-start={segment.mark.start} data-end={segment.mark.end} title={segment.mark.message}>
              {segment.text}
            </mark>
          ) : (
            <span key={i}>{segment.text}</span>
          ),
        )}
        {'\u200b'}
      </div>
      <textarea
        ref={area}
        className="fb-text-area mono"
        aria-label={label}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        rows={2}
        placeholder={placeholder}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onScroll={(event) => {
          if (mirror.current) mirror.current.scrollTop = event.currentTarget.scrollTop;
        }}
        onKeyDown={onKeyDown}
      />
    </div>
  );
});
