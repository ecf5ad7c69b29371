import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * The Orion password is kept encrypted (AES-256-GCM) under a key derived from ARGUS_INTERNAL_KEY,
 * so the database alone (a dump, a backup) does not reveal it. Argus must send it to Orion, so it
 * cannot be hashed. Changing ARGUS_INTERNAL_KEY makes stored passwords unreadable: configure again.
 */
export class OrionSecretBox {
  private readonly key: Buffer;

  constructor(internalKey: string) {
    this.key = createHmac('sha256', internalKey).update('argus-secret:orion-password').digest();
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  /** The plaintext, or undefined when the value was sealed under another key or is damaged. */
  open(sealed: string): string | undefined {
    if (!sealed.startsWith('v1:')) return undefined;
    const raw = Buffer.from(sealed.slice(3), 'base64');
    if (raw.length < 28) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  }
}
