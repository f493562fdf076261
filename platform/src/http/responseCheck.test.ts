// A response that drifts from its schema in common/ is the server's bug: with checks on it is
// answered 500 response_invalid and logged with the route and zod's issues, never sent on.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { Direction } from '@tiered-care/common';
import express from 'express';
import { pino } from 'pino';
import { z } from 'zod';
import type { PlatformServices } from './services';
import { errorHandler } from './errorHandler';
import { mountRoutes, Reply, route } from './route';

const Item = z.object({ id: z.string(), direction: Direction });

const lines: Record<string, unknown>[] = [];
const log = pino(
  { level: 'error' },
  new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  }),
);
// The routes below are public and touch nothing but the logger.
const services = { log } as Pick<PlatformServices, 'log'> as PlatformServices;

// What a handler returns is typed by its route's schema; these cast on purpose to drift.
const drifted = { id: 'r1', direction: 'upward' } as unknown as z.input<typeof Item>;
const routes = [
  route('get', '/api/drifted', {}, () => Promise.resolve(drifted), {
    summary: 'drifted',
    public: true,
    response: Item,
  }),
  route('get', '/api/fine', {}, () => Promise.resolve({ id: 'r1', direction: 'up' as const }), {
    summary: 'fine',
    public: true,
    response: Item,
  }),
  route('get', '/api/replay', {}, () => Promise.resolve(new Reply(201, drifted)), {
    summary: 'replay',
    public: true,
    response: Item,
  }),
];

function serve(checkResponses: boolean): Promise<{ server: Server; url: string }> {
  const app = express();
  const router = express.Router();
  mountRoutes(router, routes, services, { checkResponses });
  app.use(router);
  app.use(errorHandler(log));
  const server = createServer(app);
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () =>
      done({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

let checked: { server: Server; url: string };
let unchecked: { server: Server; url: string };
before(async () => {
  checked = await serve(true);
  unchecked = await serve(false);
});
after(() => {
  checked.server.close();
  unchecked.server.close();
});

async function get(base: string, path: string) {
  const res = await fetch(base + path);
  return {
    status: res.status,
    body: (await res.json()) as { error?: { code: string }; id?: string; direction?: string },
  };
}

describe('response checking', () => {
  test('a handler returning a drifted object is answered 500 response_invalid and logged', async () => {
    lines.length = 0;
    const res = await get(checked.url, '/api/drifted');
    assert.equal(res.status, 500);
    assert.equal(res.body.error?.code, 'response_invalid');
    assert.equal(JSON.stringify(res.body).includes('upward'), false, 'the drifted body is not sent on');
    const line = lines.find((l) => l.msg === 'response does not match its schema');
    assert.ok(line, 'logged');
    assert.equal(line.route, '/api/drifted');
    assert.equal(line.method, 'GET');
    const issues = line.issues as { path: string[] }[];
    assert.deepEqual(issues[0]?.path, ['direction']);
  });

  test('a body sent with another success status is checked too', async () => {
    const res = await get(checked.url, '/api/replay');
    assert.equal(res.status, 500);
    assert.equal(res.body.error?.code, 'response_invalid');
  });

  test('a matching body passes unchanged', async () => {
    assert.deepEqual(await get(checked.url, '/api/fine'), {
      status: 200,
      body: { id: 'r1', direction: 'up' },
    });
  });

  test('with checks off the body goes out as the handler built it', async () => {
    const res = await get(unchecked.url, '/api/drifted');
    assert.equal(res.status, 200);
    assert.equal(res.body.direction, 'upward');
  });
});
