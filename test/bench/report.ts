import type { LoadOutcome } from './targets.js';

export interface Measurement {
  readonly read: string;
  readonly target: string;
  readonly connections: number;
  readonly outcome: LoadOutcome;
  /** CPU the measured process (the subgraphs, the one-process router and facade, the reference) used during the run */
  readonly serverCpuMs: number;
  /** CPU the worker processes (router and facade, as `npm start` runs them by default) used during the run */
  readonly workersCpuMs: number;
  readonly wallMs: number;
  /** the machine during the run: 1-minute load average, CPU other processes used (100 % = one core) */
  readonly machine: { readonly loadAverage: number; readonly otherPercent: number };
  /** each round of a combined measurement */
  readonly rounds?: readonly Measurement[];
}

/** Throughput goals relative to the reference monolith (users/me). */
const GOALS: Record<string, number> = {
  'REST facade': 0.5,
  router: 0.7,
  'facade, workers': 0.5,
  'router, workers': 0.7,
};

const pad = (value: string | number, width: number) => String(value).padStart(width);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const cpuPerRequest = (m: Measurement | undefined) =>
  m && m.outcome.requests > 0 ? (m.serverCpuMs + m.workersCpuMs) / m.outcome.requests : Number.NaN;

/** The median over rounds of one target's req/s divided by another's in the same round. */
function roundRatio(measured: Measurement, base: Measurement): number {
  const a = measured.rounds ?? [measured];
  const b = base.rounds ?? [base];
  return median(a.map((m, i) => m.outcome.requestsPerSecond / (b[i] ?? b[0]!).outcome.requestsPerSecond));
}

/**
 * Prints one database's table, the ratios to the reference monolith, workers against one process,
 * and the CPU of each part; true when any answer named another caller.
 */
export function printResults(database: string, measurements: Measurement[], seconds: number, rounds: number): boolean {
  const engine = database === 'pglite' ? 'embedded PGlite' : 'PostgreSQL server';
  console.log(
    `\n${engine}: ${rounds} × ${seconds} s per target, targets taking turns; req/s and latencies are medians of the rounds.` +
      '\nOne measured process (subgraphs, database, reference monolith, the one-process router and facade) and' +
      ' worker processes (router and facade: "…, workers"); load generator in a process of its own',
  );
  console.log(
    'read      target                conns   req/s  p50 ms  p99 ms  errors  wrong  CPU ms/req  (workers)  CPU %  other %  load',
  );
  let failed = false;
  for (const m of measurements) {
    const { outcome } = m;
    const workersPerRequest = outcome.requests > 0 ? m.workersCpuMs / outcome.requests : Number.NaN;
    const cpuPercent = ((m.serverCpuMs + m.workersCpuMs) / m.wallMs) * 100;
    console.log(
      `${m.read.padEnd(9)} ${m.target.padEnd(20)} ${pad(m.connections, 6)}` +
        ` ${pad(outcome.requestsPerSecond.toFixed(0), 7)}` +
        ` ${pad(outcome.p50, 7)} ${pad(outcome.p99, 7)} ${pad(outcome.errors, 7)} ${pad(outcome.mismatches, 6)}` +
        ` ${pad(cpuPerRequest(m).toFixed(2), 11)} ${pad(workersPerRequest.toFixed(2), 10)}` +
        ` ${pad(cpuPercent.toFixed(0), 6)} ${pad(m.machine.otherPercent.toFixed(0), 8)} ${pad(m.machine.loadAverage.toFixed(1), 5)}`,
    );
    if (outcome.mismatches > 0) {
      failed = true;
      console.log(`  ↳ first wrong answer: ${outcome.firstMismatch}`);
    }
    if (outcome.errors > 0) {
      failed = true;
      console.log(`  ↳ ${outcome.errors} requests failed (non-2xx or no answer): this target's figures do not count`);
    }
  }
  const find = (read: string, target: string, connections: number) =>
    measurements.find((m) => m.read === read && m.target === target && m.connections === connections);
  for (const connections of [...new Set(measurements.map((m) => m.connections))]) {
    for (const [one, many] of [
      ['router', 'router, workers'],
      ['REST facade', 'facade, workers'],
    ] as const) {
      for (const read of [...new Set(measurements.map((m) => m.read))]) {
        const before = find(read, one, connections);
        const after = find(read, many, connections);
        if (!before || !after) continue;
        console.log(
          `${read}, ${connections} connections, ${many} / one process: ${roundRatio(after, before).toFixed(2)} by req/s;` +
            ` CPU ms per request ${cpuPerRequest(before).toFixed(2)} → ${cpuPerRequest(after).toFixed(2)}`,
        );
      }
    }
    const reference = find('users/me', 'reference monolith', connections);
    if (!reference) continue;
    console.log(`users/me, ${connections} connections, ratio to the reference monolith (req/s; by CPU per request):`);
    const others = measurements.filter(
      (m) => m.read === 'users/me' && m.connections === connections && m !== reference,
    );
    for (const measured of others) {
      const ratio = roundRatio(measured, reference);
      const goal = GOALS[measured.target];
      const met = ratio >= (goal ?? 0) && measured.outcome.errors === 0 && reference.outcome.errors === 0;
      const verdict = goal === undefined ? '' : `  goal ≥ ${goal}: ${met ? 'met' : 'not met'}`;
      const byCpu = cpuPerRequest(reference) / cpuPerRequest(measured);
      console.log(`  ${measured.target.padEnd(20)} ${ratio.toFixed(2)}; ${byCpu.toFixed(2)}${verdict}`);
    }
    const [identity, router, facade] = ['identity subgraph', 'router', 'REST facade'].map((t) =>
      cpuPerRequest(find('users/me', t, connections)),
    );
    console.log(
      `  CPU ms per request by part, one process (differences): identity subgraph ${identity!.toFixed(2)}` +
        `   router ${(router! - identity!).toFixed(2)}   facade ${(facade! - router!).toFixed(2)}` +
        `   reference monolith ${cpuPerRequest(reference).toFixed(2)}`,
    );
    for (const target of ['router, workers', 'facade, workers']) {
      const m = find('users/me', target, connections);
      if (!m || m.outcome.requests === 0) continue;
      console.log(
        `  CPU ms per request, ${target}: subgraphs and database ${(m.serverCpuMs / m.outcome.requests).toFixed(2)}` +
          `   worker processes ${(m.workersCpuMs / m.outcome.requests).toFixed(2)}` +
          `   load generator ${(m.outcome.loadCpuMs / m.outcome.requests).toFixed(2)}`,
      );
    }
  }
  return failed;
}
