// Field encryption for identity numbers, signing keys and PACS passwords, and the keyed hash for
// lookups. Separate sub-keys are derived from each DATA_KEY so one purpose can't be used for another.
//
// Keys rotate: a process holds the current DATA_KEY plus the previous ones (DATA_KEYS_PREVIOUS)
// until `npm run rotate-data-key` has re-sealed every ciphertext under the current key. Each
// ciphertext names its key: layout 0xD1, 8-byte key id, 12-byte IV, 16-byte tag, body (the first
// 9 bytes are authenticated too). The key id is derived from the key, so nobody has to name keys.
// Ciphertexts written before key ids existed (IV, tag, body) are opened by trying each key: GCM's
// tag tells the right one.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 0xd1;
const HEADER = 9;

interface Key {
  id: Buffer;
  encKey: Buffer;
  hashKey: Buffer;
}

function deriveKey(dataKeyBase64: string): Key {
  const master = Buffer.from(dataKeyBase64, 'base64');
  const sub = (info: string, length: number) =>
    Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, length));
  return { id: sub('key-id', 8), encKey: sub('field-encryption', 32), hashKey: sub('lookup-hash', 32) };
}

function open(encKey: Buffer, iv: Buffer, tag: Buffer, body: Buffer, aad: Buffer | null): string {
  const decipher = createDecipheriv('aes-256-gcm', encKey, iv);
  if (aad) decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}

export class DataCrypto {
  private readonly current: Key;
  /** Current first, then the previous keys in the order given. */
  private readonly keys: Key[];

  constructor(dataKeyBase64: string, previousKeysBase64: readonly string[] = []) {
    this.current = deriveKey(dataKeyBase64);
    this.keys = [this.current, ...previousKeysBase64.map(deriveKey)];
  }

  /** The current key's id (hex): what the rotation command reports. */
  get keyId(): string {
    return this.current.id.toString('hex');
  }

  /** The first bytes of every ciphertext sealed under the current key (for SQL: not yet rotated). */
  get currentPrefix(): Buffer {
    return Buffer.concat([Buffer.from([VERSION]), this.current.id]);
  }

  encrypt(plain: string): Buffer {
    const header = this.currentPrefix;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current.encKey, iv);
    cipher.setAAD(header);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([header, iv, cipher.getAuthTag(), body]);
  }

  decrypt(sealed: Buffer): string {
    if (sealed[0] === VERSION && sealed.length >= HEADER + 28) {
      const id = sealed.subarray(1, HEADER);
      const key = this.keys.find((k) => k.id.equals(id));
      if (key) {
        return open(
          key.encKey,
          sealed.subarray(HEADER, HEADER + 12),
          sealed.subarray(HEADER + 12, HEADER + 28),
          sealed.subarray(HEADER + 28),
          sealed.subarray(0, HEADER),
        );
      }
    }
    // Written before key ids (or, one in 2^72, a legacy IV that looks like a header).
    for (const key of this.keys) {
      try {
        return open(key.encKey, sealed.subarray(0, 12), sealed.subarray(12, 28), sealed.subarray(28), null);
      } catch {
        // not this key
      }
    }
    throw new Error(
      'no configured DATA_KEY opens this ciphertext (a previous key missing from DATA_KEYS_PREVIOUS?)',
    );
  }

  /** Sealed under the current key (a rotation leaves it alone). */
  isCurrent(sealed: Buffer): boolean {
    return sealed.subarray(0, HEADER).equals(this.currentPrefix);
  }

  /** The hash stored with a new value: under the current key. */
  lookupHash(value: string): Buffer {
    return createHmac('sha256', this.current.hashKey).update(value).digest();
  }

  /** Every hash a stored value may carry while a rotation is pending (search with `= ANY`). */
  lookupHashes(value: string): Buffer[] {
    return this.keys.map((k) => createHmac('sha256', k.hashKey).update(value).digest());
  }
}
