import { useSyncExternalStore } from 'react';

/** `data-theme` on <html>, set from the theme setting (or the OS) by features/settings/theme.ts */
function isDark(): boolean {
  return typeof document !== 'undefined' && document.documentElement.dataset.theme === 'dark';
}

function subscribe(callback: () => void): () => void {
  if (typeof MutationObserver === 'undefined' || typeof document === 'undefined') return () => {};
  const observer = new MutationObserver(callback);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}

/** Monaco's theme name following the app's light/dark theme. */
export function useMonacoTheme(): 'vs' | 'vs-dark' {
  return useSyncExternalStore(subscribe, () => (isDark() ? 'vs-dark' : 'vs'), () => 'vs');
}
