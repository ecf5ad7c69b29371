import { startOnvifSimulator } from './index.js';

/**
 * `npm run onvif:simulator` — a simulated ONVIF camera to try Argus without one. Flags:
 * --port N (default 8899), --host H (default 127.0.0.1), --username U, --password P, --no-ptz,
 * --delay-ms N, --clock-skew-ms N, --no-discovery (by default it answers WS-Discovery probes on UDP 3702
 * when that port is free).
 */
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const value = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};

const simulator = await startOnvifSimulator({
  port: Number(value('port') ?? 8899),
  host: value('host') ?? '127.0.0.1',
  username: value('username') ?? 'admin',
  password: value('password') ?? 'admin',
  ptz: !flag('no-ptz'),
  delayMs: Number(value('delay-ms') ?? 0),
  clockSkewMs: Number(value('clock-skew-ms') ?? 0),
  discovery: !flag('no-discovery'),
});

console.log(`ONVIF simulator: ${simulator.url}
  host ${simulator.host}  port ${simulator.port}  username ${simulator.username}  password ${simulator.password}
  PTZ ${simulator.state.ptz ? 'yes' : 'no'}${simulator.discoveryUrn ? `  WS-Discovery ${simulator.discoveryUrn}` : ''}
Set a camera's onvif_host/onvif_port/onvif_login/onvif_password to these. Ctrl-C stops.`);
if (/^(127\.|::1$|localhost$)/.test(simulator.host)) {
  console.log(`Argus calls a device on its own machine only where STREAM_ALLOWED_NETWORKS lists it:
start Argus with STREAM_ALLOWED_NETWORKS=127.0.0.0/8 npm start to try this one.`);
}

const stop = () => void simulator.stop().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
