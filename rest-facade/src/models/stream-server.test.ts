import { describe, expect, it } from 'vitest';
import { toRestStreamServerList } from './stream-server.js';

describe('toRestStreamServerList', () => {
  it('maps the REST StreamServerList model', () => {
    expect(
      toRestStreamServerList([
        { id: 'edge-1', group: 'north', tags: ['gpu', 'lpr'] },
        { id: 'edge-2', group: null, tags: [] },
      ]),
    ).toEqual({
      streamservers: [
        { streamserver_id: 'edge-1', group: 'north', tags: ['gpu', 'lpr'] },
        { streamserver_id: 'edge-2', group: null, tags: [] },
      ],
    });
  });

  it('answers an empty list when no stream server heart-beats', () => {
    expect(toRestStreamServerList([])).toEqual({ streamservers: [] });
  });
});
