// Field encryption for identity numbers and signing keys, and the keyed hash for lookups.
// Separate sub-keys are derived from DATA_KEY so one purpose can't be used for another.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

export class DataCrypto {
  private readonly encKey: Buffer;
  private readonly hashKey: Buffer;

  constructor(dataKeyBase64: string) {
    const master = Buffer.from(dataKeyBase64, 'base64');
    this.encKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'field-encryption', 32));
    this.hashKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'lookup-hash', 32));
  }

  /** AES-256-GCM; layout: 12-byte IV, 16-byte tag, ciphertext. */
  encrypt(plain: string): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  decrypt(sealed: Buffer): string {
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(12, 28));
    return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
  }

  lookupHash(value: string): Buffer {
    return createHmac('sha256', this.hashKey).update(value).digest();
  }
}
