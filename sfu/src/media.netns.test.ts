// Real Janus + headless Chromium inside a private network namespace. Run through
// `bash testkit/netns-run.sh node --import tsx --test sfu/src/media.netns.test.ts`.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { basename, join } from 'node:path';
import { describe, test } from 'node:test';
import { sleep, waitFor } from '@tiered-care/testkit';
import { useBrowser } from '@tiered-care/testkit/browser';
import {
  closeSubscription,
  decodedOver,
  participantPage,
  publishCamera,
  subscribeTo,
  subscriptionStats,
  type PeerPage,
  useSfu,
} from '@tiered-care/testkit/media';
import type { MediaRoom } from './mediaRoom';
import { probeJanus, postProcess } from './index';
import { JanusSession } from './janusSession';
import { silentLogger } from './logger';

const CONSULT = 'consult-media-1';
const stack = useSfu({
  name: 'sfu-media-',
  portBase: 18_000,
  env: { SFU_RTP_PORTS: '20000-20999' },
  logger: silentLogger,
});
const browser = useBrowser();
let room: MediaRoom;
let alice: PeerPage;
let bob: PeerPage;
let feedId: string;

const janus = () => stack.get().sfu;

describe('the SFU with a real Janus and headless Chromium', { timeout: 240_000 }, () => {
  test(
    'Janus runs under the supervisor with only VideoRoom and WebSockets, API on 127.0.0.1 only',
    { timeout: 60_000 },
    async () => {
      const info = await probeJanus(janus().setup);
      assert.deepEqual(Object.keys(info.plugins), ['janus.plugin.videoroom']);
      assert.deepEqual(Object.keys(info.transports), ['janus.transport.websockets']);
      assert.deepEqual(Object.keys(info.events), []);
      assert.deepEqual(await janus().health(), { name: 'sfu', ok: true });

      const pid = janus().supervisor.pid;
      const listeners = execFileSync('ss', ['-Hltnp'], { encoding: 'utf8' })
        .split('\n')
        .filter((line) => line.includes(`pid=${pid},`))
        .map((line) => line.split(/\s+/)[3]);
      assert.deepEqual(listeners, [`127.0.0.1:${janus().config.wsPort}`]);
    },
  );

  test('two peers opening the same consultation at once share one room', { timeout: 60_000 }, async () => {
    const [first, second] = await Promise.all([janus().rooms.open(CONSULT), janus().rooms.open(CONSULT)]);
    assert.equal(first, second);
    room = first;
    const link = await JanusSession.open(janus().setup, silentLogger);
    try {
      const handle = await link.attach();
      const reply = await handle.message({ request: 'list', admin_key: janus().setup.secrets.adminKey });
      const list = reply.plugindata?.data.list as { room: string }[];
      assert.deepEqual(
        list.map((r) => r.room),
        [CONSULT],
      );
    } finally {
      await link.close();
    }
  });

  test(
    'a camera published with three simulcast layers reaches a subscriber: frames advance, audio arrives',
    { timeout: 60_000 },
    async () => {
      const context = browser.context;
      alice = await participantPage(context, () => room, 'alice');
      bob = await participantPage(context, () => room, 'bob');
      const added = once(room, 'publisher-added');
      feedId = await publishCamera(room, alice, 'alice');
      assert.deepEqual(await added, [{ feedId, participantId: 'alice', source: 'camera' }]);
      await subscribeTo(room, bob, 'bob', feedId);

      const { first, second } = await decodedOver(bob, feedId, 3000);
      assert.equal(second.connectionState, 'connected');
      assert.ok(
        second.video!.framesDecoded - first.video!.framesDecoded >= 20,
        'at least ~7 fps decoded over 3 s',
      );
      assert.ok(
        second.audio!.packetsReceived - first.audio!.packetsReceived >= 100,
        'audio packets keep arriving',
      );
      assert.ok(second.audio!.bytesReceived > first.audio!.bytesReceived);
    },
  );

  test(
    "switching the subscriber's simulcast layer changes the received resolution",
    { timeout: 60_000 },
    async () => {
      const widthOn = async (substream: 0 | 1 | 2) => {
        assert.equal(await room.setSubstream('bob', feedId, substream), true, 'Janus confirms the switch');
        let seen: unknown;
        return waitFor(
          () => `layer ${substream}, last stats ${JSON.stringify(seen)}`,
          10_000,
          async () => {
            const { video } = await subscriptionStats(bob, feedId);
            seen = video;
            const expected = { 0: 320, 1: 640, 2: 1280 }[substream];
            return video?.frameWidth === expected ? video.frameWidth : undefined;
          },
        );
      };
      assert.equal(await widthOn(0), 320);
      assert.equal(await widthOn(2), 1280);
      assert.equal(await widthOn(1), 640);
      const { first, second } = await decodedOver(bob, feedId, 2000);
      assert.ok(
        second.video!.framesDecoded > first.video!.framesDecoded,
        'still decoding after the switches',
      );
    },
  );

  test(
    'a screen share is a second publisher of the same participant, subscribed to separately',
    { timeout: 60_000 },
    async () => {
      const offer = await alice.publish('screen', {
        width: 1280,
        height: 720,
        simulcast: false,
        screen: true,
      });
      const { feedId: screen, answer } = await room.publish('alice', 'screen', offer);
      await alice.accept('screen', answer);
      assert.equal(screen, 'alice:screen');
      assert.deepEqual(
        room
          .publishers()
          .map((p) => p.source)
          .sort(),
        ['camera', 'screen'],
      );

      await subscribeTo(room, bob, 'bob', screen);
      const { first, second } = await decodedOver(bob, screen, 2000);
      assert.ok(second.video!.framesDecoded > first.video!.framesDecoded, 'screen frames advance');
      assert.equal(second.video!.frameWidth, 1280);
      assert.equal(second.audio, undefined, 'a screen share carries no audio');

      const removed = once(room, 'publisher-removed');
      await room.unpublish('alice', 'screen');
      assert.deepEqual(await removed, [{ feedId: screen, participantId: 'alice', source: 'screen' }]);
      await assert.rejects(room.setSubstream('bob', screen, 0), { code: 'unknown_peer' });
      assert.deepEqual(
        room.publishers().map((p) => p.feedId),
        [feedId],
      );
      await closeSubscription(bob, screen);
      await alice.close('screen');
    },
  );

  test(
    'recording a publisher for about 6 s gives a playable file of 6 ± 2 s',
    { timeout: 60_000 },
    async () => {
      const recDir = join(stack.get().dir, 'recordings');
      const outDir = join(stack.get().dir, 'processed');
      await janus().rooms.startRecording(CONSULT, recDir);
      await sleep(6000);
      const mjr = await janus().rooms.stopRecording(CONSULT);
      assert.deepEqual(mjr.map((f) => /-(audio|video)-\d+\.mjr$/.exec(f)?.[1]).sort(), ['audio', 'video']);

      const [result, ...others] = await postProcess(mjr, outDir);
      assert.equal(others.length, 0);
      assert.ok(result);
      assert.ok(Math.abs(result.durationSeconds - 6) <= 2, `duration ${result.durationSeconds}`);

      await alice.page.route('http://localhost/rec/*', (route) =>
        route.fulfill({ path: join(outDir, basename(new URL(route.request().url()).pathname)) }),
      );
      const video = result.files.find((f) => f.endsWith('.webm'));
      assert.ok(video, 'a .webm file');
      const played = await alice.playVideo(`/rec/${basename(video)}`);
      assert.ok(played.width > 0 && played.currentTime > 0.5, `video plays (${JSON.stringify(played)})`);
      assert.ok(Math.abs(played.duration - 6) <= 2, `video duration ${played.duration}`);
      const audio = result.merged ? undefined : result.files.find((f) => f.endsWith('.opus'));
      if (!result.merged) {
        assert.ok(audio, 'a separate .opus file without ffmpeg');
        const decoded = await alice.decodeAudio(`/rec/${basename(audio)}`);
        assert.ok(Math.abs(decoded.duration - 6) <= 2, `audio duration ${decoded.duration}`);
      }
    },
  );

  test(
    'after Janus is killed it is restarted, the room rebuilt, and the subscriber decodes again within 10 s of renegotiating',
    { timeout: 60_000 },
    async () => {
      const pid = janus().supervisor.pid;
      assert.ok(pid);
      const rebuilt = once(janus().rooms, 'rebuilt');
      process.kill(pid, 'SIGKILL');
      const [event] = (await rebuilt) as [{ consultId: string; participantIds: string[] }];
      assert.notEqual(janus().supervisor.pid, pid);
      assert.equal(event.consultId, CONSULT);
      assert.deepEqual([...event.participantIds].sort(), ['alice', 'bob']);
      assert.equal(janus().rooms.get(CONSULT), room, 'the same MediaRoom, re-created on the new Janus');
      assert.deepEqual(await janus().health(), { name: 'sfu', ok: true });

      // What signaling will do on 'rebuilt': every browser drops its peer connections and renegotiates.
      const started = Date.now();
      await alice.close('camera');
      await closeSubscription(bob, feedId);
      feedId = await publishCamera(room, alice, 'alice');
      await subscribeTo(room, bob, 'bob', feedId);
      const { first, second } = await decodedOver(bob, feedId, 1000, 10_000);
      assert.ok(Date.now() - started < 10_000 + 1000, 'decoding again within 10 s');
      assert.ok(second.video!.framesDecoded > first.video!.framesDecoded);
    },
  );
});
