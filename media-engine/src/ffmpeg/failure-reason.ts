/** Why a stream does not play, as stream statuses and POST /streams/verify report it. */
export type StreamFailureReason = 'unreachable' | 'unauthorized' | 'no_video';

const RULES: ReadonlyArray<readonly [StreamFailureReason, RegExp]> = [
  ['unauthorized', /\b401\b|\b403\b|unauthori[sz]ed|authori[sz]ation failed|forbidden/i],
  [
    'no_video',
    /matches no streams|does not contain any stream|no video stream|could not find codec parameters for stream \d+ \(video/i,
  ],
  [
    'unreachable',
    /connection refused|no route to host|network is unreachable|host is down|name or service not known|failed to resolve|temporary failure in name resolution|connection timed out|timed out|connection reset|broken pipe|\b404\b|not found|\b5\d\d\b [a-z]|invalid data found|input\/output error|end of file|server returned/i,
  ],
];

/**
 * Classifies ffmpeg/ffprobe error output (the last stderr lines) into a failure reason, with the
 * line that decided it. Undefined when nothing recognisable was said.
 */
export function classifyFailure(
  stderrLines: readonly string[],
): { reason: StreamFailureReason; line: string } | undefined {
  for (const [reason, pattern] of RULES) {
    for (let i = stderrLines.length - 1; i >= 0; i--) {
      const line = stderrLines[i]!;
      if (pattern.test(line)) return { reason, line };
    }
  }
  return undefined;
}
