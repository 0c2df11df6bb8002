import { useSyncExternalStore } from 'react';

const query = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : undefined;

function subscribe(callback: () => void): () => void {
  query?.addEventListener('change', callback);
  return () => query?.removeEventListener('change', callback);
}

/** Monaco's theme name following the OS light/dark setting. */
export function useMonacoTheme(): 'vs' | 'vs-dark' {
  return useSyncExternalStore(subscribe, () => (query?.matches ? 'vs-dark' : 'vs'), () => 'vs');
}
