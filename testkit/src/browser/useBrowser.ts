// Chromium as a node:test fixture (see ../fixture.ts): launched in `before`, closed after the
// file's tests (before an app set up earlier closes), with the office pages the browser tests open.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../demo';
import { fixture } from '../fixture';
import { launchBrowser, officePage, signIn } from './launch';

export interface BrowserHandle {
  readonly browser: Browser;
  readonly context: BrowserContext;
  /** An office-PC-sized page in a context of its own (see officePage). */
  officePage: (timezoneId?: string) => Promise<{ context: BrowserContext; page: Page }>;
  /** An office page signed in to `app` as `username`. */
  signedIn: (username: string, password?: string) => Promise<Page>;
}

export function useBrowser(
  options: { app?: { readonly baseUrl: string }; args?: string[]; timeout?: number } = {},
): BrowserHandle {
  const { get: chromium, ready } = fixture(
    'the browser',
    () => launchBrowser(undefined, options.args),
    (launched) => launched.close(),
    options.timeout,
  );
  const page = async (timezoneId?: string) => officePage((await ready()).browser, timezoneId);
  return {
    get browser() {
      return chromium().browser;
    },
    get context() {
      return chromium().context;
    },
    officePage: page,
    signedIn: async (username, password = DEMO_PASSWORD) => {
      if (!options.app) throw new Error('useBrowser({ app }) signs in to that app');
      const { page: p } = await page();
      await signIn(p, options.app.baseUrl, username, password);
      return p;
    },
  };
}
