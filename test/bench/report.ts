import type { LoadOutcome } from './targets.js';

export interface Measurement {
  readonly read: string;
  readonly target: string;
  readonly connections: number;
  readonly outcome: LoadOutcome;
  /** CPU the measured process (all Argus parts and the reference) used during the run */
  readonly serverCpuMs: number;
  readonly wallMs: number;
}

/** Throughput goals relative to the reference monolith (users/me). */
const GOALS: Record<string, number> = { 'REST facade': 0.5, router: 0.7 };

const pad = (value: string | number, width: number) => String(value).padStart(width);

/**
 * Prints one database's table, the ratios to the reference monolith and the CPU of each part
 * (differences between the layered targets); true when any answer named another caller.
 */
export function printResults(database: string, measurements: Measurement[], seconds: number, rounds: number): boolean {
  const engine = database === 'pglite' ? 'embedded PGlite' : 'PostgreSQL server';
  console.log(
    `\n${engine}: ${rounds} × ${seconds} s per target; ` +
      'every Argus part and the reference monolith in ONE measured process; load generator in another',
  );
  console.log('read      target                conns   req/s  p50 ms  p99 ms  errors  wrong  CPU ms/req  CPU %');
  let failed = false;
  for (const m of measurements) {
    const { outcome } = m;
    const cpuPerRequest = outcome.requests > 0 ? m.serverCpuMs / outcome.requests : Number.NaN;
    const cpuPercent = (m.serverCpuMs / m.wallMs) * 100;
    console.log(
      `${m.read.padEnd(9)} ${m.target.padEnd(20)} ${pad(m.connections, 6)}` +
        ` ${pad(outcome.requestsPerSecond.toFixed(0), 7)}` +
        ` ${pad(outcome.p50, 7)} ${pad(outcome.p99, 7)} ${pad(outcome.errors, 7)} ${pad(outcome.mismatches, 6)}` +
        ` ${pad(cpuPerRequest.toFixed(2), 11)} ${pad(cpuPercent.toFixed(0), 6)}`,
    );
    if (outcome.mismatches > 0) {
      failed = true;
      console.log(`  ↳ first wrong answer: ${outcome.firstMismatch}`);
    }
  }
  const find = (read: string, target: string, connections: number) =>
    measurements.find((m) => m.read === read && m.target === target && m.connections === connections);
  const perRequest = (m: Measurement | undefined) =>
    m && m.outcome.requests > 0 ? m.serverCpuMs / m.outcome.requests : Number.NaN;
  for (const connections of [...new Set(measurements.map((m) => m.connections))]) {
    const reference = find('users/me', 'reference monolith', connections);
    if (!reference) continue;
    console.log(`users/me, ${connections} connections, ratio to the reference monolith (req/s; by CPU per request):`);
    const others = measurements.filter(
      (m) => m.read === 'users/me' && m.connections === connections && m !== reference,
    );
    for (const measured of others) {
      const ratio = measured.outcome.requestsPerSecond / reference.outcome.requestsPerSecond;
      const goal = GOALS[measured.target];
      const verdict = goal === undefined ? '' : `  goal ≥ ${goal}: ${ratio >= goal ? 'met' : 'not met'}`;
      const byCpu = perRequest(reference) / perRequest(measured);
      console.log(`  ${measured.target.padEnd(20)} ${ratio.toFixed(2)}; ${byCpu.toFixed(2)}${verdict}`);
    }
    const [identity, router, facade] = ['identity subgraph', 'router', 'REST facade'].map((t) =>
      perRequest(find('users/me', t, connections)),
    );
    console.log(
      `  CPU ms per request by part (differences): identity subgraph ${identity!.toFixed(2)}` +
        `   router ${(router! - identity!).toFixed(2)}   facade ${(facade! - router!).toFixed(2)}` +
        `   reference monolith ${perRequest(reference).toFixed(2)}`,
    );
  }
  return failed;
}
