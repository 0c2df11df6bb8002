import { useEffect, useState } from 'react';
import { copyText } from './clipboard';

interface CopyButtonProps {
  text: string | (() => string);
  label: string;
  children?: React.ReactNode;
  className?: string;
  disabled?: boolean;
}

/** A button that copies and says so (politely, for screen readers too). */
export function CopyButton({ text, label, children, className = 'btn btn-small btn-quiet', disabled }: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 1600);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <>
      <button
        type="button"
        className={className}
        aria-label={label}
        disabled={disabled}
        onClick={async () => setState((await copyText(typeof text === 'function' ? text() : text)) ? 'copied' : 'failed')}
      >
        {children ?? 'Copy'}
      </button>
      <span className={`copy-status copy-${state}`} role="status">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed: select the text and copy it by hand' : ''}
      </span>
    </>
  );
}
