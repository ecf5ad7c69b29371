import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { gatewayLogger, silentGatewayLogger } from './gateway-log.js';

/** A pino logger at `level` whose lines are collected as objects. */
function collected(level: string) {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    { level, base: { part: 'router' } },
    { write: (line: string) => void lines.push(JSON.parse(line)) },
  );
  return { logger, lines };
}

describe('the gateway’s logger', () => {
  it('writes the gateway’s lines to the part’s logger without credentials', () => {
    const { logger, lines } = collected('info');
    const log = gatewayLogger(logger);
    log.info({ headers: { authorization: 'Bearer abc' }, variables: { password: 'p' }, subgraph: 'identity' }, 'fetch');
    log.debug('not written: the gateway logs at info at most');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      component: 'gateway',
      msg: 'fetch',
      headers: { authorization: '[redacted]' },
      variables: '[redacted]',
      subgraph: 'identity',
    });
    expect(JSON.stringify(lines)).not.toContain('abc');
  });

  it('keeps prefixes and attributes of child loggers, and formats arguments', () => {
    const { logger, lines } = collected('info');
    gatewayLogger(logger).child('[planner] ').child({ attempt: 2 }).warn('took %d ms', 12);
    expect(lines[0]).toMatchObject({ msg: '[planner] took 12 ms', attempt: 2 });
  });

  it.each(['fatal', 'silent'])('starts at LOG_LEVEL=%s and writes only what that level lets through', (level) => {
    const { logger, lines } = collected(level);
    const log = gatewayLogger(logger);
    log.info('no');
    log.error('only errors, and not even those when silent');
    expect(lines).toHaveLength(0);
    expect(() => log.child('x').warn('no')).not.toThrow();
  });

  it('writes nothing when silent', () => {
    expect(() => silentGatewayLogger().error('nothing')).not.toThrow();
  });
});
