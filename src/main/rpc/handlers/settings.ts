import type { SettingsStore } from '../../services/settings/settings-store';
import type { Handlers } from '../router';

export function settingsHandlers(store: SettingsStore): Pick<Handlers, 'settings.get' | 'settings.update'> {
  return {
    'settings.get': () => store.get(),
    'settings.update': (patch) => store.update(patch),
  };
}
