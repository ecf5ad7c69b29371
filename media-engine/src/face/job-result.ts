/**
 * The outcome of one inference job: a value, a deliberate skip (nothing to do, e.g. no face in
 * the image) or a failure with its reason. Jobs return these instead of throwing, so a bad image
 * never crashes the caller.
 */
export type JobResult<T> =
  { status: 'success'; value: T } | { status: 'skipped'; reason: string } | { status: 'failed'; reason: string };

export const success = <T>(value: T): JobResult<T> => ({ status: 'success', value });
export const skipped = (reason: string): { status: 'skipped'; reason: string } => ({ status: 'skipped', reason });
export const failed = (reason: string): { status: 'failed'; reason: string } => ({ status: 'failed', reason });

/** Runs `job`, turning a thrown error into a failed result whose reason starts with `what`. */
export async function runJob<T>(what: string, job: () => Promise<JobResult<T>> | JobResult<T>): Promise<JobResult<T>> {
  try {
    return await job();
  } catch (error) {
    return failed(`${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
