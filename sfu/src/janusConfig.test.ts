import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { loadSfuConfig } from './config';
import { toJcfg, writeJanusConfig } from './janusConfig';

const dirs: string[] = [];
const dataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'sfu-config-'));
  dirs.push(dir);
  return dir;
};
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Fake Debian module tree (with modules we must not load), so the writer runs anywhere. */
function fakeLib(): string {
  const lib = dataDir();
  for (const [sub, name] of [
    ['plugins', 'libjanus_videoroom.so'],
    ['plugins', 'libjanus_echotest.so'],
    ['transports', 'libjanus_websockets.so'],
    ['transports', 'libjanus_http.so'],
  ]) {
    mkdirSync(join(lib, sub!), { recursive: true });
    writeFileSync(join(lib, sub!, name!), '');
  }
  return lib;
}

function write(env: Record<string, string> = {}) {
  const lib = fakeLib();
  const dir = dataDir();
  const setup = writeJanusConfig(dir, loadSfuConfig(env), { env: { JANUS_LIB_DIR: lib } });
  const read = (f: string) => readFileSync(join(setup.configDir, f), 'utf8');
  return {
    dir,
    lib,
    setup,
    main: read('janus.jcfg'),
    room: read('janus.plugin.videoroom.jcfg'),
    ws: read('janus.transport.websockets.jcfg'),
  };
}

describe('the Janus config writer', () => {
  test('plugin and transport folders hold only VideoRoom and WebSockets, as symlinks into the package', () => {
    const { dir, lib } = write();
    assert.deepEqual(readdirSync(join(dir, 'janus', 'plugins')), ['libjanus_videoroom.so']);
    assert.deepEqual(readdirSync(join(dir, 'janus', 'transports')), ['libjanus_websockets.so']);
    assert.equal(
      readlinkSync(join(dir, 'janus', 'plugins', 'libjanus_videoroom.so')),
      join(lib, 'plugins', 'libjanus_videoroom.so'),
    );
    assert.deepEqual(readdirSync(join(dir, 'janus', 'events')), []);
    assert.deepEqual(readdirSync(join(dir, 'janus', 'loggers')), []);
  });

  test('janus.jcfg points at our folders, sets secrets, the RTP range and the ICE interfaces, and no STUN/TURN', () => {
    const { dir, main, setup } = write({ SFU_ICE_INTERFACES: 'veth0, eth1', SFU_RTP_PORTS: '30000-30100' });
    assert.match(main, new RegExp(`plugins_folder = "${join(dir, 'janus', 'plugins')}"`));
    assert.match(main, /rtp_port_range = "30000-30100"/);
    assert.match(main, /ice_enforce_list = "veth0,eth1"/);
    assert.match(main, new RegExp(`api_secret = "${setup.secrets.apiSecret}"`));
    assert.doesNotMatch(main, /janusoverlord/);
    assert.doesNotMatch(main, /stun_server|turn_server|turn_rest_api|nat_1_1_mapping/);
    assert.match(main, /log_to_stdout = true/);
  });

  test('a public address becomes nat_1_1_mapping while keeping the private host candidate', () => {
    const { main } = write({ SFU_PUBLIC_IP: '203.0.113.7' });
    assert.match(main, /nat_1_1_mapping = "203\.0\.113\.7"/);
    assert.match(main, /keep_private_host = true/);
    assert.match(main, /ice_ignore_list = "vmnet"/);
  });

  test('the WebSocket API listens on 127.0.0.1 only, without wss or the admin API', () => {
    const { ws, setup } = write({ JANUS_WS_PORT: '18200' });
    assert.match(ws, /ws_port = 18200/);
    assert.match(ws, /ws_ip = "127\.0\.0\.1"/);
    assert.match(ws, /wss = false/);
    assert.match(ws, /admin_ws = false/);
    assert.match(ws, /admin_wss = false/);
    assert.equal(setup.wsUrl, 'ws://127.0.0.1:18200');
  });

  test('VideoRoom has an admin key, string ids and no static rooms', () => {
    const { room, setup } = write();
    assert.match(room, new RegExp(`admin_key = "${setup.secrets.adminKey}"`));
    assert.match(room, /string_ids = true/);
    assert.equal(room.match(/^\S+: \{/gm)?.length, 1, 'only the general section');
  });

  test('secrets are kept in the data folder (owner-only) and survive a rewrite', () => {
    const first = write();
    const again = writeJanusConfig(first.dir, loadSfuConfig({}), { env: { JANUS_LIB_DIR: first.lib } });
    assert.deepEqual(again.secrets, first.setup.secrets);
    assert.equal(statSync(join(first.dir, 'janus', 'secrets.json')).mode & 0o077, 0);
    assert.ok(existsSync(again.mainConfig));
  });

  test('strings are quoted and escaped for libconfig', () => {
    assert.equal(
      toJcfg({ g: { a: 'x"y\\z', n: 3, b: false, l: ['p', 'q'], skip: undefined } }),
      'g: {\n\ta = "x\\"y\\\\z"\n\tn = 3\n\tb = false\n\tl = ["p", "q"]\n}\n',
    );
  });
});
