import type { PtzSettings as PtzSettingsShape } from '../../services/camera-settings.js';
import { builder } from '../builder.js';

export const PtzSettings = builder.objectRef<PtzSettingsShape>('PtzSettings').implement({
  description: 'Pan-tilt-zoom control of the camera (through ONVIF)',
  fields: (t) => ({ enabled: t.exposeBoolean('enabled') }),
});
