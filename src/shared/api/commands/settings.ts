import { z } from 'zod';
import { command } from '../command';
import { Settings, SettingsPatch } from '../../model/settings';

export const settingsCommands = {
  'settings.get': command(z.object({}), Settings),
  'settings.update': command(SettingsPatch, Settings),
};
