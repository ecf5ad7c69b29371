import { describe, expect, it } from 'vitest';
import { OrionSecretBox } from './orion-secret.js';

describe('OrionSecretBox', () => {
  it('seals so that only the same key opens it, differently each time', () => {
    const box = new OrionSecretBox('key-one-0123456789');
    const a = box.seal('pässword');
    expect(a).not.toContain('pässword');
    expect(a).not.toBe(box.seal('pässword'));
    expect(box.open(a)).toBe('pässword');
    expect(new OrionSecretBox('key-two-0123456789').open(a)).toBeUndefined();
  });

  it('refuses damaged values', () => {
    const box = new OrionSecretBox('k');
    const sealed = box.seal('secret');
    expect(box.open(`${sealed.slice(0, -4)}AAAA`)).toBeUndefined();
    expect(box.open('plain')).toBeUndefined();
    expect(box.open('v1:AAAA')).toBeUndefined();
  });
});
