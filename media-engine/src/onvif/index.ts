export { OnvifCamera, type OnvifService as OnvifServiceName, type OnvifSettings } from './onvif-camera.js';
export { OnvifCameraPool } from './onvif-camera-pool.js';
export { OnvifError, classifyOnvifFailure } from './onvif-error.js';
export { OnvifService, type CameraOnvifSettings, type OnvifSettingsSource } from './onvif-service.js';
export { TopologyOnvifSettings } from './topology-onvif-settings.js';
export { discover } from './onvif-discovery.js';
