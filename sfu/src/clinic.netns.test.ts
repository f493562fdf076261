// A clinic browser in its own namespace behind a tbf-shaped veth (the "clinic" host of
// testkit/src/netns.ts). Run through
// `bash testkit/netns-run.sh node --import tsx --test sfu/src/clinic.netns.test.ts`.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { namedNamespaces, sleep, waitFor } from '@tiered-care/testkit';
import { launchBrowser, type LaunchedBrowser } from '@tiered-care/testkit/browser';
import {
  decodedOver,
  participantPage,
  publishCamera,
  subscribeTo,
  subscriptionStats,
  teardown,
  type PeerPage,
  useSfu,
} from '@tiered-care/testkit/media';
import type { MediaRoom } from './mediaRoom';
import { chooseLayer, type Layer } from './index';
import { silentLogger } from './logger';

const RATE = '300kbit';
const stack = useSfu({ name: 'sfu-clinic-', portBase: 17_000, clinicRate: RATE, logger: silentLogger });
const browsers: LaunchedBrowser[] = [];
teardown(async () => {
  for (const b of browsers) await b.close();
});

describe('a clinic behind a slow link', { timeout: 180_000 }, () => {
  test('the clinic namespace has only its shaped link, with tbf on both ends', { timeout: 90_000 }, () => {
    const host = stack.get().clinic!;
    assert.ok(namedNamespaces().includes(host.name));
    assert.match(
      execFileSync('tc', ['qdisc', 'show', 'dev', host.hostInterface], { encoding: 'utf8' }),
      /tbf .*rate 300Kbit/,
    );
    assert.match(host.exec('tc', ['qdisc', 'show', 'dev', 'eth-clinic']), /tbf .*rate 300Kbit/);
    const links = host
      .exec('ip', ['-o', 'link'])
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split(': ')[1]?.split('@')[0]);
    assert.deepEqual(links.sort(), ['eth-clinic', 'lo']);
  });

  test(
    'chooseLayer moves a clinic subscriber off the top layer to one its link carries, where video is smooth',
    { timeout: 90_000 },
    async (t) => {
      const hospital = await launchBrowser();
      browsers.push(hospital);
      const atClinic = await launchBrowser(stack.get().clinic!.chromiumPath);
      browsers.push(atClinic);
      const room: MediaRoom = await stack.get().sfu.rooms.open('consult-clinic-1');
      const specialist: PeerPage = await participantPage(hospital.context, () => room, 'specialist');
      const gp: PeerPage = await participantPage(atClinic.context, () => room, 'gp');
      const feedId = await publishCamera(room, specialist, 'specialist');
      await subscribeTo(room, gp, 'gp', feedId);

      // The top layer must really be on the wire first (the publisher's estimate ramps up).
      await waitFor('the 1280 px layer being sent', 20_000, async () => {
        const layers = await specialist.outbound('camera');
        return layers.some((l) => l.rid === 'h' && l.frameWidth === 1280 && l.framesPerSecond > 5)
          ? true
          : undefined;
      });

      // What the web client will do: sample its own receive stats, ask chooseLayer, apply the answer,
      // until the choice has held for two samples in a row.
      let layer: Layer = 2;
      let since = Date.now();
      let unchanged = 0;
      const path: Layer[] = [layer];
      let previous = await subscriptionStats(gp, feedId);
      for (let round = 0; round < 12 && unchanged < 2; round++) {
        await sleep(3000);
        const now = await subscriptionStats(gp, feedId);
        const lost = (now.video?.packetsLost ?? 0) - (previous.video?.packetsLost ?? 0);
        const received = (now.video?.packetsReceived ?? 0) - (previous.video?.packetsReceived ?? 0);
        const fps = ((now.video?.framesDecoded ?? 0) - (previous.video?.framesDecoded ?? 0)) / 3;
        previous = now;
        const next = chooseLayer({
          currentLayer: layer,
          packetLoss: lost + received > 0 ? Math.max(0, lost) / (lost + received) : 1,
          framesPerSecond: fps,
          msOnCurrentLayer: Date.now() - since,
        });
        if (next === layer) {
          unchanged += 1;
          continue;
        }
        unchanged = 0;
        layer = next;
        since = Date.now();
        path.push(layer);
        await room.applyLayer('gp', feedId, layer);
        previous = await subscriptionStats(gp, feedId);
      }
      assert.notEqual(layer, 2, `moved down (path ${path.join(' → ')})`);
      assert.notEqual(layer, 'audio-only', `kept video (path ${path.join(' → ')})`);
      t.diagnostic(`layer path at ${RATE}: ${path.join(' → ')}`);
      const { first, second } = await decodedOver(gp, feedId, 3000);
      const frames = second.video!.framesDecoded - first.video!.framesDecoded;
      const lost = second.video!.packetsLost - first.video!.packetsLost;
      const received = second.video!.packetsReceived - first.video!.packetsReceived;
      assert.ok(frames >= 30, `smooth: ${frames} frames in 3 s on layer ${layer} (path ${path.join(' → ')})`);
      assert.ok(lost / (lost + received) < 0.05, `little loss: ${lost}/${lost + received}`);
      assert.equal(second.video!.frameWidth, layer === 0 ? 320 : 640);
    },
  );
});
