import autocannon from 'autocannon';
import { mismatchOf, type LoadJob, type LoadOutcome } from './targets.js';

/**
 * The load generator, a process of its own (started by run.ts with IPC): runs autocannon for each
 * job it is sent and answers its outcome. Every connection sends the target's requests in turn
 * (one per user, so callers of both organizations interleave) and checks that each answer names
 * the caller who asked; non-2xx answers count as errors.
 */
async function run(job: LoadJob): Promise<LoadOutcome> {
  let mismatches = 0;
  let firstMismatch: string | undefined;
  const before = process.cpuUsage();
  const result = await autocannon({
    url: job.target.origin,
    connections: job.connections,
    duration: job.seconds,
    requests: job.target.requests.map((request) => ({
      method: request.method,
      path: request.path,
      headers: request.headers,
      body: request.body,
      onResponse: (status: number, body: string) => {
        if (status < 200 || status > 299) return;
        const mismatch = mismatchOf(request.check, body);
        if (mismatch === undefined) return;
        mismatches += 1;
        firstMismatch ??= mismatch;
      },
    })),
  });
  const cpu = process.cpuUsage(before);
  return {
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    mismatches,
    firstMismatch,
    loadCpuMs: (cpu.user + cpu.system) / 1000,
  };
}

process.on('message', (job: LoadJob) => {
  run(job).then(
    (outcome) => process.send!(outcome),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
process.on('disconnect', () => process.exit(0));
