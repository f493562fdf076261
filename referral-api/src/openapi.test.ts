// The OpenAPI document is generated from the same route list that mounts the router, so it
// must describe every route and each route's own body schema.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ConsultationAction, ReferralAction, RejectReason } from '@tiered-care/common';
import { startTestApp, type TestApp } from '@tiered-care/testkit/harness';
import { routes } from './app';

let app: TestApp;
let doc: any;

before(async () => {
  app = await startTestApp();
  const res = await app.call('GET', '/api/openapi.json');
  assert.equal(res.status, 200, 'served without a token');
  doc = res.body;
});
after(() => app.close());

const toOpenApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}');
const bodySchema = (path: string, method = 'post') =>
  doc.paths[path]?.[method]?.requestBody?.content?.['application/json']?.schema;

describe('GET /api/openapi.json', () => {
  test('is an OpenAPI 3.1.0 document with a bearer security scheme', () => {
    assert.equal(doc.openapi, '3.1.0');
    assert.equal(typeof doc.info.title, 'string');
    assert.equal(typeof doc.info.version, 'string');
    assert.equal(doc.components.securitySchemes.bearer.scheme, 'bearer');
  });

  test('has a path and method for every route in the route list', () => {
    assert.ok(routes.length > 10);
    for (const r of routes) {
      const path = toOpenApiPath(r.path);
      assert.ok(doc.paths[path], `missing path ${path}`);
      assert.ok(doc.paths[path][r.method], `missing ${r.method.toUpperCase()} ${path}`);
      assert.equal(doc.paths[path][r.method].summary, r.options.summary);
    }
  });

  test('documents nothing that is not a route', () => {
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops as object).map((m) => `${m} ${path}`),
    );
    const mounted = new Set(routes.map((r) => `${r.method} ${toOpenApiPath(r.path)}`));
    for (const op of documented) assert.ok(mounted.has(op), `documented but not mounted: ${op}`);
    assert.equal(documented.length, mounted.size);
  });

  test('marks only the public routes as needing no token', () => {
    for (const r of routes) {
      const op = doc.paths[toOpenApiPath(r.path)][r.method];
      if (r.options.public) assert.equal(op.security, undefined, r.path);
      else assert.deepEqual(op.security, [{ bearer: [] }], r.path);
    }
    assert.equal(doc.paths['/api/auth/login'].post.security, undefined);
  });

  test('documents path parameters in {braces}', () => {
    const op = doc.paths['/api/referrals/{id}'].get;
    const id = op.parameters.find((p: any) => p.name === 'id');
    assert.equal(id.in, 'path');
    assert.equal(id.required, true);
    const verification = doc.paths['/api/referrals/{id}/events/{eventId}/verification'].get;
    assert.deepEqual(verification.parameters.map((p: any) => p.name).sort(), ['eventId', 'id']);
    assert.equal(
      doc.paths['/api/referrals/{id}/slip.pdf'].get.responses['200'].content['application/pdf'] !== undefined,
      true,
    );
  });

  test('documents the worklist query, with box required', () => {
    const params = doc.paths['/api/referrals'].get.parameters;
    const box = params.find((p: any) => p.name === 'box');
    assert.equal(box.in, 'query');
    assert.equal(box.required, true);
    assert.deepEqual(box.schema.enum, ['incoming', 'outgoing']);
    const cursor = params.find((p: any) => p.name === 'cursor');
    assert.equal(cursor.required, false);
  });

  test('POST /api/referrals lists its required fields and allows no others', () => {
    const schema = bodySchema('/api/referrals');
    assert.ok(schema, 'has a JSON request body');
    assert.equal(doc.paths['/api/referrals'].post.requestBody.required, true);
    assert.equal(schema.type, 'object');
    assert.equal(schema.additionalProperties, false);
    assert.deepEqual(
      [...schema.required].sort(),
      ['diagnosis', 'patientId', 'priority', 'reason', 'summary', 'toInstitutionId', 'type'].sort(),
    );
    for (const optional of ['toDepartmentId', 'studyInstanceUids', 'slotId', 'draft']) {
      assert.ok(schema.properties[optional], `documents ${optional}`);
      assert.ok(!schema.required.includes(optional), `${optional} is optional`);
    }
    assert.deepEqual(schema.properties.priority.enum, ['routine', 'urgent', 'emergency']);
    assert.equal(schema.properties.diagnosis.additionalProperties, false);
    assert.ok(doc.paths['/api/referrals'].post.responses['201'], 'success is 201');
  });

  test('every referral action has its own path with its own body schema', () => {
    const schemas = new Map<string, string>();
    for (const action of ReferralAction.options) {
      const path = `/api/referrals/{id}/actions/${action}`;
      const schema = bodySchema(path);
      assert.ok(schema, `${action} documents a body`);
      schemas.set(action, JSON.stringify(schema));
      const variants = schema.anyOf ?? schema.oneOf ?? [schema];
      for (const v of variants) {
        assert.ok(v.required.includes('version'), `${action} requires version`);
        assert.equal(v.additionalProperties, false, `${action} body is strict`);
      }
    }
    // Not one shared schema: the bodies differ.
    assert.notEqual(schemas.get('reject'), schemas.get('accept'));
    assert.notEqual(schemas.get('cancel'), schemas.get('reject'));
  });

  test('reject requires a coded reason from the fixed list and a note', () => {
    const schema = bodySchema('/api/referrals/{id}/actions/reject');
    assert.ok(schema.required.includes('reasonCode'));
    assert.ok(schema.required.includes('note'));
    assert.deepEqual(schema.properties.reasonCode.enum, [
      'duplicate',
      'inappropriate',
      'incomplete',
      'capacity',
      'other',
    ]);
    assert.deepEqual(schema.properties.reasonCode.enum, RejectReason.options);
  });

  test('other actions document their own fields', () => {
    assert.ok(bodySchema('/api/referrals/{id}/actions/cancel').required.includes('reason'));
    assert.ok(bodySchema('/api/referrals/{id}/actions/request-info').required.includes('question'));
    assert.ok(bodySchema('/api/referrals/{id}/actions/provide-info').required.includes('answer'));
    assert.ok(bodySchema('/api/referrals/{id}/actions/redirect').required.includes('toInstitutionId'));
    const complete = bodySchema('/api/referrals/{id}/actions/complete');
    assert.deepEqual([...complete.properties.feedback.required].sort(), ['advice', 'diagnosis', 'treatment']);
    const schedule = bodySchema('/api/referrals/{id}/actions/schedule');
    assert.equal((schedule.anyOf ?? schedule.oneOf).length, 2, 'schedule: a slot or a time and place');
  });

  test('GET routes document no request body, and errors use the one error shape', () => {
    for (const r of routes) {
      const op = doc.paths[toOpenApiPath(r.path)][r.method];
      if (r.method === 'get') assert.equal(op.requestBody, undefined, r.path);
      const error = op.responses.default.content['application/json'].schema;
      assert.deepEqual(error.required, ['error']);
      assert.deepEqual(error.properties.error.required, ['code', 'message']);
    }
  });

  test('every JSON route with a response schema documents it as its success body', () => {
    const withResponse = routes.filter((r) => r.options.response && !r.options.produces);
    assert.ok(withResponse.length > 20);
    for (const r of withResponse) {
      const op = doc.paths[toOpenApiPath(r.path)][r.method];
      const schema = op.responses[String(r.options.status ?? 200)]?.content?.['application/json']?.schema;
      assert.ok(schema, `${r.method.toUpperCase()} ${r.path} documents its response`);
      assert.ok(schema.type ?? schema.anyOf ?? schema.oneOf, `${r.path}: a real schema, not {}`);
    }
  });

  test('every route the web client reads declares its response schema', () => {
    const declared = new Set(routes.filter((r) => r.options.response).map((r) => `${r.method} ${r.path}`));
    for (const op of CLIENT_READS) assert.ok(declared.has(op), `${op} has a response schema`);
    for (const action of ReferralAction.options) {
      assert.ok(declared.has(`post /api/referrals/:id/actions/${action}`), action);
    }
    for (const action of ConsultationAction.options) {
      assert.ok(declared.has(`post /api/consultations/:id/actions/${action}`), action);
    }
  });

  test('the referral response says what the client relies on: enums, ISO times, nullable parts', () => {
    const schema = doc.paths['/api/referrals/{id}'].get.responses['200'].content['application/json'].schema;
    assert.deepEqual(schema.properties.direction.enum, ['up', 'down']);
    assert.deepEqual(schema.properties.priority.enum, ['routine', 'urgent', 'emergency']);
    assert.equal(schema.properties.createdAt.type, 'string');
    assert.equal(schema.properties.createdAt.format, 'date-time');
    assert.ok(schema.required.includes('allowedActions'));
    const list = doc.paths['/api/referrals'].get.responses['200'].content['application/json'].schema;
    assert.deepEqual([...list.required].sort(), ['counts', 'items', 'nextCursor']);
  });
});

/** The referral-api responses the web client reads (its api() calls), method and route path. */
const CLIENT_READS = [
  'post /api/auth/login',
  'post /api/auth/refresh',
  'post /api/auth/password',
  'get /api/me',
  'get /api/institutions',
  'get /api/patients',
  'get /api/patients/:id',
  'post /api/patients',
  'get /api/referrals',
  'get /api/referrals/:id',
  'post /api/referrals',
  'post /api/check-in',
  'get /api/slots',
  'get /api/stats/referrals',
  'get /api/users',
  'get /api/admin/users',
  'post /api/admin/users/:id/deactivate',
  'post /api/admin/users/:id/reactivate',
  'put /api/admin/users/:id/roles',
  'post /api/admin/users/:id/reset-password',
  'get /api/consultations',
  'post /api/consultations',
  'get /api/consultations/:id',
  'get /api/consultations/:id/record',
  'get /api/consultations/:id/messages',
  'get /api/consultations/:id/recordings/:recordingId/files',
  'get /api/referrals/:id/consultations',
];
