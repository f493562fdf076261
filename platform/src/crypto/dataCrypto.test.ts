import assert from 'node:assert/strict';
import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { DataCrypto } from './dataCrypto';

const key = () => randomBytes(32).toString('base64');

/** A ciphertext as written before key ids existed: IV, tag, body, under the field sub-key. */
function legacySeal(dataKey: string, plain: string): Buffer {
  const encKey = Buffer.from(
    hkdfSync('sha256', Buffer.from(dataKey, 'base64'), Buffer.alloc(0), 'field-encryption', 32),
  );
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', encKey, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

test('a ciphertext names the key it was sealed with and opens with it', () => {
  const k = key();
  const crypto = new DataCrypto(k);
  const sealed = crypto.encrypt('110101199003071234');
  assert.equal(crypto.decrypt(sealed), '110101199003071234');
  assert.ok(crypto.isCurrent(sealed));
  assert.equal(new DataCrypto(k).keyId, crypto.keyId, 'the id follows from the key alone');
  assert.notEqual(new DataCrypto(key()).keyId, crypto.keyId);
});

test('after a rotation, ciphertexts under the previous key still open and are not current', () => {
  const old = key();
  const sealedOld = new DataCrypto(old).encrypt('secret');
  const rotated = new DataCrypto(key(), [old]);
  assert.equal(rotated.decrypt(sealedOld), 'secret');
  assert.ok(!rotated.isCurrent(sealedOld));
  assert.ok(rotated.isCurrent(rotated.encrypt('secret')));
});

test('ciphertexts written before key ids existed open under the key that sealed them', () => {
  const old = key();
  const legacy = legacySeal(old, 'pem');
  assert.equal(new DataCrypto(old).decrypt(legacy), 'pem');
  assert.ok(!new DataCrypto(old).isCurrent(legacy), 're-sealed by a rotation to gain a key id');
  assert.equal(new DataCrypto(key(), [old]).decrypt(legacy), 'pem');
});

test('a ciphertext under a key no longer configured fails clearly; a tampered one fails', () => {
  const sealed = new DataCrypto(key()).encrypt('x');
  assert.throws(() => new DataCrypto(key()).decrypt(sealed), /no configured DATA_KEY opens/);
  const crypto = new DataCrypto(key());
  const tampered = crypto.encrypt('x');
  tampered.writeUInt8(tampered.readUInt8(tampered.length - 1) ^ 1, tampered.length - 1);
  assert.throws(() => crypto.decrypt(tampered));
});

test('lookup hashes: written under the current key, searched under every configured key', () => {
  const old = key();
  const before = new DataCrypto(old);
  const after = new DataCrypto(key(), [old]);
  const id = '110101199003071234';
  assert.notDeepEqual(after.lookupHash(id), before.lookupHash(id));
  assert.deepEqual(after.lookupHashes(id), [after.lookupHash(id), before.lookupHash(id)]);
});
