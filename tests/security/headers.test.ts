// Security headers on the pages and the API (no inline scripts, nothing may frame the app, no
// sniffing, no referrer), and the web client working under that policy: a CT renders in the
// viewer with the policy enforced and no violation reported.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PNG } from 'pngjs';
import { startBridgeTestApp, type BridgeTestApp } from '@tiered-care/testkit/bridge';
import { launchBrowser, signIn, type LaunchedBrowser } from '@tiered-care/testkit/browser';
import { DEMO_PASSWORD } from '@tiered-care/testkit/harness';

let t: BridgeTestApp;
let chromium: LaunchedBrowser;
before(async () => {
  t = await startBridgeTestApp({ web: true, enforceCsp: true });
  chromium = await launchBrowser();
});
after(async () => {
  await chromium.close();
  await t.close();
});

test('the web client and the API carry a strict policy', async () => {
  for (const path of ['/', '/referrals', '/api/openapi.json', '/healthz', '/api/me']) {
    const res = await t.fetch(path);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'/, path);
    assert.doesNotMatch(
      /script-src[^;]*/.exec(csp)?.[0] ?? '',
      /unsafe-inline/,
      `${path}: no inline scripts`,
    );
    assert.match(csp, /frame-ancestors 'none'/, path);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
    assert.equal(res.headers.get('x-frame-options'), 'DENY', path);
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer', path);
    // Plain HTTP: no HSTS (it applies only over TLS).
    assert.equal(res.headers.get('strict-transport-security'), null, path);
  }
});

test('/healthz says which part is down, never why', async () => {
  const res = await t.fetch('/healthz');
  const body = (await res.json()) as {
    ok: boolean;
    parts: { name: string; ok: boolean; detail?: unknown }[];
  };
  assert.equal(res.status, 200);
  assert.doesNotMatch(JSON.stringify(body), /127\.0\.0\.1|password|http:/);
});

test(
  'under the enforced policy the viewer renders a CT and nothing is refused',
  { timeout: 90_000 },
  async () => {
    const context = await chromium.browser.newContext({
      viewport: { width: 1366, height: 768 },
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    const refused: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
    });
    page.on('pageerror', (e) => {
      if (/Content Security Policy|EvalError/i.test(e.message)) refused.push(e.message);
    });
    try {
      await signIn(page, t.baseUrl, 'doctor.c1', DEMO_PASSWORD);
      await page.goto(`${t.baseUrl}/referrals/${t.demo.referralId}?study=${t.demo.ct.studyInstanceUid}`);
      const canvas = page.getByTestId('viewer-canvas');
      await canvas.waitFor({ timeout: 30_000 });
      // Read the pixels from a screenshot: evaluating code in the page is what the policy forbids.
      let distinct = 0;
      for (let i = 0; i < 60 && distinct < 30; i++) {
        const png = PNG.sync.read(await canvas.screenshot());
        const values = new Set<number>();
        for (let p = 0; p < png.data.length; p += 4 * 7) values.add(png.data[p]!);
        distinct = values.size;
        if (distinct < 30) await new Promise((r) => setTimeout(r, 500));
      }
      assert.ok(distinct >= 30, `the CT is drawn (${distinct} grey levels)`);
      assert.deepEqual(refused, []);
    } finally {
      await context.close();
    }
  },
);
