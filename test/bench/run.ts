import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printResults, type Measurement } from './report.js';
import type { BenchTarget, LoadJob, LoadOutcome } from './targets.js';

/**
 * `npm run bench` (API part): the measured process (server.ts: every Argus part in one process,
 * plus the reference monolith) and the load generator (load.ts: autocannon) run as two child
 * processes of this one. For each database (PGlite; PostgreSQL too when DATABASE_URL is set;
 * BENCH_DATABASES=pglite or server picks one),
 * each read and each connection count, the targets run side by side; the measured process's CPU
 * is read with process.cpuUsage() before and after each run (BENCH_ROUNDS > 1: the targets take
 * turns, round after round). Exits non-zero when an answer named another caller than the one
 * who asked, or when a request failed.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 1);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '10,50').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const CLOCK_TICKS = 100;
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

function child(file: string, env: NodeJS.ProcessEnv): ChildProcess {
  return fork(here(file), { execArgv: ['--import', 'tsx'], env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

/** Sends a message and waits for the next one the child sends back. */
function ask<T>(process: ChildProcess, message: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`child exited (${code}) before answering`));
    process.once('exit', onExit);
    process.once('message', (answer) => {
      process.off('exit', onExit);
      resolve(answer as T);
    });
    if (message !== undefined) process.send(message as object);
  });
}

/** CPU time (ms) so far of the measured process and of its worker processes. */
async function cpuMs(server: ChildProcess): Promise<{ main: number; workers: number }> {
  const { usage, workersMs } = await ask<{ usage: NodeJS.CpuUsage; workersMs: number }>(server, { type: 'cpu' });
  return { main: (usage.user + usage.system) / 1000, workers: workersMs };
}

/** Load average and the CPU other processes than the benchmark's used, over a run (from /proc). */
function machineLoad(): { load: number; busyTicks: number; totalTicks: number } {
  const load = Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).slice(1).map(Number);
  const idle = cpu[3]! + cpu[4]!;
  const totalTicks = cpu.reduce((a, b) => a + b, 0);
  return { load, busyTicks: totalTicks - idle, totalTicks };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** One target's rounds as one measurement: totals for requests and CPU, medians for the latencies. */
function combine(rounds: Measurement[]): Measurement {
  const sum = (value: (m: Measurement) => number) => rounds.reduce((total, m) => total + value(m), 0);
  const outcomes = rounds.map((m) => m.outcome);
  const outcome: LoadOutcome = {
    requests: sum((m) => m.outcome.requests),
    requestsPerSecond: median(outcomes.map((o) => o.requestsPerSecond)),
    p50: median(outcomes.map((o) => o.p50)),
    p99: median(outcomes.map((o) => o.p99)),
    errors: sum((m) => m.outcome.errors),
    mismatches: sum((m) => m.outcome.mismatches),
    firstMismatch: outcomes.find((o) => o.firstMismatch)?.firstMismatch,
    loadCpuMs: sum((m) => m.outcome.loadCpuMs),
  };
  return {
    ...rounds[0]!,
    outcome,
    serverCpuMs: sum((m) => m.serverCpuMs),
    workersCpuMs: sum((m) => m.workersCpuMs),
    wallMs: sum((m) => m.wallMs),
    rounds,
    machine: {
      loadAverage: median(rounds.map((m) => m.machine.loadAverage)),
      otherPercent: median(rounds.map((m) => m.machine.otherPercent)),
    },
  };
}

async function measureDatabase(env: NodeJS.ProcessEnv): Promise<{ database: string; measurements: Measurement[] }> {
  const server = child('./server.ts', env);
  const load = child('./load.ts', process.env);
  try {
    const { database } = await ask<{ database: string }>(server, undefined);
    const measurements: Measurement[] = [];
    const warmed = new Set<string>();
    const first = await ask<{ targets: BenchTarget[] }>(server, { type: 'targets' });
    const reads = [...new Set(first.targets.map((t) => t.read))];
    for (const read of reads) {
      for (const connections of CONNECTIONS) {
        // rounds interleave the targets, so load from outside the benchmark falls on all of them alike
        const rounds = new Map<string, Measurement[]>();
        for (let round = 0; round < ROUNDS; round += 1) {
          // targets signed afresh for each round: the viewer headers are valid for five minutes
          const { targets } = await ask<{ targets: BenchTarget[] }>(server, { type: 'targets' });
          for (const target of targets.filter((t) => t.read === read)) {
            const key = `${target.read} ${target.name}`;
            if (!warmed.has(key)) {
              await ask<LoadOutcome>(load, { target, connections, seconds: WARMUP_SECONDS } satisfies LoadJob);
              warmed.add(key);
            }
            const cpuBefore = await cpuMs(server);
            const machineBefore = machineLoad();
            const started = performance.now();
            const outcome = await ask<LoadOutcome>(load, { target, connections, seconds: SECONDS } satisfies LoadJob);
            const wallMs = performance.now() - started;
            const cpuAfter = await cpuMs(server);
            const machineAfter = machineLoad();
            const serverCpuMs = cpuAfter.main - cpuBefore.main;
            const workersCpuMs = cpuAfter.workers - cpuBefore.workers;
            // the machine's busy CPU beyond the measured processes and the load generator (100 % = one core)
            const busyMs = ((machineAfter.busyTicks - machineBefore.busyTicks) * 1000) / CLOCK_TICKS;
            const otherPercent = ((busyMs - serverCpuMs - workersCpuMs - outcome.loadCpuMs) / wallMs) * 100;
            const machine = { loadAverage: machineAfter.load, otherPercent };
            const measured = {
              read,
              target: target.name,
              connections,
              outcome,
              serverCpuMs,
              workersCpuMs,
              wallMs,
              machine,
            };
            rounds.set(target.name, [...(rounds.get(target.name) ?? []), measured]);
          }
        }
        measurements.push(...[...rounds.values()].map(combine));
      }
    }
    return { database, measurements };
  } finally {
    load.disconnect();
    await ask(server, { type: 'stop' }).catch(() => undefined);
  }
}

const kinds = (process.env.BENCH_DATABASES ?? 'pglite,server').split(',');
const databases: NodeJS.ProcessEnv[] = [];
if (kinds.includes('pglite')) databases.push({ ...process.env, DATABASE_URL: '' });
if (kinds.includes('server') && process.env.DATABASE_URL) databases.push({ ...process.env });
let failed = false;
for (const env of databases) {
  const { database, measurements } = await measureDatabase(env);
  failed = printResults(database, measurements, SECONDS, ROUNDS) || failed;
}
if (failed) {
  console.error('\nFAILED: some answers named another caller than the one who asked (see above)');
  process.exit(1);
}
