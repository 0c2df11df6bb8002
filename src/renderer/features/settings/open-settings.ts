import { create } from 'zustand';
import { useLayout } from '../../stores/layout';

export type SettingsSection = 'requests' | 'history' | 'appearance';

interface SettingsFocus {
  /** the section another view asked the Settings view to show (taken once it has been shown) */
  section: SettingsSection | undefined;
  take(): SettingsSection | undefined;
}

export const useSettingsFocus = create<SettingsFocus>()((set, get) => ({
  section: undefined,
  take: () => {
    const section = get().section;
    if (section) set({ section: undefined });
    return section;
  },
}));

/** Opens the Settings view at one section (from a link elsewhere, e.g. the endpoint editor's timeouts). */
export function openSettings(section: SettingsSection): void {
  useSettingsFocus.setState({ section });
  useLayout.getState().showActivity('settings');
}
