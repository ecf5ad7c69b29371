import type {
  OnvifCameraInfo as Info,
  OnvifDiscoveredDevice,
  OnvifNetwork as Network,
  OnvifProtocol,
  OnvifUser as User,
} from '@argus/media-engine/client';
import { builder } from './builder.js';

/** What the device says it is, its network protocols and users, and devices discovery finds. */
export const OnvifCameraInfo = builder.objectRef<Info>('OnvifCameraInfo').implement({
  description: "The device's own description (GetDeviceInformation)",
  fields: (t) => ({
    manufacturer: t.exposeString('manufacturer'),
    model: t.exposeString('model'),
    firmwareVersion: t.exposeString('firmwareVersion'),
    serialNumber: t.exposeString('serialNumber'),
    hardwareId: t.exposeString('hardwareId'),
  }),
});

export const OnvifNetworkProtocol = builder.objectRef<OnvifProtocol>('OnvifNetworkProtocol').implement({
  fields: (t) => ({ port: t.exposeInt('port'), enabled: t.exposeBoolean('enabled') }),
});

export const OnvifNetwork = builder.objectRef<Network>('OnvifNetwork').implement({
  description: "The device's HTTP, HTTPS and RTSP ports (GetNetworkProtocols); a protocol the device lacks is null",
  fields: (t) => ({
    http: t.field({ type: OnvifNetworkProtocol, nullable: true, resolve: (n) => n.http }),
    https: t.field({ type: OnvifNetworkProtocol, nullable: true, resolve: (n) => n.https }),
    rtsp: t.field({ type: OnvifNetworkProtocol, nullable: true, resolve: (n) => n.rtsp }),
  }),
});

export const OnvifUser = builder.objectRef<User>('OnvifUser').implement({
  description: 'A user of the device (passwords are write-only)',
  fields: (t) => ({
    userName: t.exposeString('userName'),
    userLevel: t.exposeString('userLevel', { description: 'Administrator, Operator, User, Anonymous or Extended' }),
  }),
});

export const OnvifDiscoveredDeviceRef = builder.objectRef<OnvifDiscoveredDevice>('OnvifDiscoveredDevice').implement({
  description: 'A device that answered a WS-Discovery probe',
  fields: (t) => ({
    urn: t.exposeString('urn', { description: 'Its endpoint reference (urn:uuid:…)' }),
    xaddrs: t.exposeStringList('xaddrs', { description: 'Its device service addresses' }),
    scopes: t.exposeStringList('scopes'),
    types: t.exposeStringList('types'),
    name: t.string({ nullable: true, resolve: (d) => d.name }),
    hardware: t.string({ nullable: true, resolve: (d) => d.hardware }),
    host: t.string({
      nullable: true,
      description: "Host of the first address: the camera's onvif_host",
      resolve: (d) => d.host,
    }),
    port: t.int({
      nullable: true,
      description: "Port of the first address: the camera's onvif_port",
      resolve: (d) => d.port,
    }),
  }),
});
