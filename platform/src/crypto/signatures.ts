// Per-user Ed25519 keys: decisions and opinions are signed by their author so they can be
// verified later and not repudiated. The private key is stored encrypted with DATA_KEY.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import type { DataCrypto } from './dataCrypto';

export interface SigningKeyPair {
  publicKeyPem: string;
  privateKeyEnc: Buffer;
}

export function newSigningKey(crypto: DataCrypto): SigningKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyEnc: crypto.encrypt(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()),
  };
}

/** Canonical JSON: keys sorted at every level, so the same content always signs the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function signPayload(crypto: DataCrypto, privateKeyEnc: Buffer, payload: unknown): string {
  const key = createPrivateKey(crypto.decrypt(privateKeyEnc));
  return sign(null, Buffer.from(canonicalJson(payload)), key).toString('base64');
}

export function verifyPayload(publicKeyPem: string, payload: unknown, signature: string): boolean {
  return verify(
    null,
    Buffer.from(canonicalJson(payload)),
    createPublicKey(publicKeyPem),
    Buffer.from(signature, 'base64'),
  );
}
