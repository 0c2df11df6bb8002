import type { Settings } from '@shared/model/settings';

export type ThemeSetting = Settings['ui']['theme'];

const media = typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : undefined;
let chosen: ThemeSetting = 'system';

function render(): void {
  if (typeof document === 'undefined') return;
  const dark = chosen === 'dark' || (chosen === 'system' && media?.matches === true);
  const root = document.documentElement;
  root.dataset.theme = dark ? 'dark' : 'light';
  root.style.colorScheme = dark ? 'dark' : 'light';
}

media?.addEventListener('change', render);
render();

/**
 * Applies the theme setting: `data-theme` on <html> says 'light' or 'dark' (theme.css and Monaco
 * follow it); 'system' follows the OS and its changes.
 */
export function applyTheme(theme: ThemeSetting): void {
  chosen = theme;
  render();
}
