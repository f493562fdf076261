import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import { loadSfuConfig } from './config';
import { iceServersFor } from './turn';

describe('SFU configuration from the environment', () => {
  test('defaults suit one machine: port 8188, RTP 20000-20999, a 1 Mbit/s cap, no TURN', () => {
    const config = loadSfuConfig({});
    assert.equal(config.wsPort, 8188);
    assert.equal(config.rtpPorts, '20000-20999');
    assert.equal(config.roomBitrate, 1_000_000);
    assert.deepEqual(config.iceInterfaces, []);
    assert.equal(config.publicIp, undefined);
    assert.equal(config.turn, undefined);
  });

  test('every bad variable is reported in one error', () => {
    assert.throws(
      () => loadSfuConfig({ SFU_RTP_PORTS: '30000-20000', SFU_PUBLIC_IP: 'not-an-ip', JANUS_WS_PORT: '80' }),
      (error: Error) =>
        /SFU_RTP_PORTS/.test(error.message) &&
        /SFU_PUBLIC_IP/.test(error.message) &&
        /JANUS_WS_PORT/.test(error.message),
    );
  });

  test('TURN URLs without a secret (or the reverse) are refused', () => {
    assert.throws(() => loadSfuConfig({ TURN_URLS: 'turn:turn.example.org:3478' }), /TURN_SECRET/);
    assert.throws(() => loadSfuConfig({ TURN_SECRET: 's3cret' }), /TURN_SECRET/);
    assert.throws(() => loadSfuConfig({ TURN_URLS: 'stun:x.example.org', TURN_SECRET: 's' }), /turn:/);
  });

  test('browsers get expiring TURN REST credentials that coturn can verify with the shared secret', () => {
    const config = loadSfuConfig({
      TURN_URLS: 'turn:turn.example.org:3478?transport=udp,turns:turn.example.org:5349',
      TURN_SECRET: 'shared-secret',
      TURN_CREDENTIAL_TTL: '3600',
    });
    const now = Date.UTC(2030, 0, 1);
    const [server] = iceServersFor(config, 'user-42', now);
    assert.ok(server);
    assert.deepEqual(server.urls, [
      'turn:turn.example.org:3478?transport=udp',
      'turns:turn.example.org:5349',
    ]);
    assert.equal(server.username, `${now / 1000 + 3600}:user-42`);
    const expected = createHmac('sha1', 'shared-secret')
      .update(server.username ?? '')
      .digest('base64');
    assert.equal(server.credential, expected);
  });

  test('without TURN configured, browsers get no ICE servers at all', () => {
    assert.deepEqual(iceServersFor(loadSfuConfig({}), 'user-42'), []);
  });
});
