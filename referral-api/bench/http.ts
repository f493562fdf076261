// "Ours": the real API over loopback HTTP with Node's fetch (undici keeps connections alive, so
// with N in flight it settles on N sockets). Each call reads and parses the whole body, as a
// client would; any unexpected status stops the run, because figures with errors mixed in
// would be meaningless.
import { randomUUID } from 'node:crypto';

export interface Created {
  id: string;
  version: number;
}

interface Call {
  method: 'GET' | 'POST';
  path: string;
  token: string;
  body?: unknown;
  headers?: Record<string, string>;
  expect: number;
}

export class Api {
  constructor(readonly baseUrl: string) {}

  async call(c: Call): Promise<unknown> {
    const res = await fetch(this.baseUrl + c.path, {
      method: c.method,
      headers: {
        authorization: `Bearer ${c.token}`,
        ...(c.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...c.headers,
      },
      body: c.body === undefined ? undefined : JSON.stringify(c.body),
    });
    const body: unknown = await res.json();
    if (res.status !== c.expect) {
      throw new Error(`${c.method} ${c.path}: ${res.status} ${JSON.stringify(body)}`);
    }
    return body;
  }

  async login(username: string, password: string): Promise<string> {
    const res = await fetch(`${this.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const body = record(await res.json());
    if (res.status !== 200 || typeof body.token !== 'string') {
      throw new Error(`login ${username}: ${res.status} ${JSON.stringify(body)}`);
    }
    return body.token;
  }
}

function record(v: unknown): Record<string, unknown> {
  if (typeof v !== 'object' || v === null) throw new Error(`expected an object, got ${JSON.stringify(v)}`);
  return v as Record<string, unknown>;
}

function created(v: unknown): Created {
  const r = record(v);
  if (typeof r.id !== 'string' || typeof r.version !== 'number') {
    throw new Error(`unexpected referral shape: ${JSON.stringify(v).slice(0, 200)}`);
  }
  return { id: r.id, version: r.version };
}

/** The same referral body the raw path inserts: doctor.c1 → H1 心内科, inpatient. */
export interface CreateInput {
  patientId: string;
  toInstitutionId: string;
  toDepartmentId: string;
}

export const REFERRAL_TEXT = {
  type: 'inpatient',
  priority: 'urgent',
  reason: '反复胸闷胸痛1周，加重2天，基层无法完成冠脉评估',
  diagnosis: { code: 'I20.0', text: '不稳定型心绞痛' },
  summary: '患者胸闷胸痛3天，心电图V4-V6导联ST段压低0.1mV，肌钙蛋白阴性。已予阿司匹林、硝酸甘油。',
} as const;

export async function httpCreate(api: Api, token: string, input: CreateInput): Promise<Created> {
  return created(
    await api.call({
      method: 'POST',
      path: '/api/referrals',
      token,
      body: { ...REFERRAL_TEXT, ...input },
      headers: { 'idempotency-key': randomUUID() },
      expect: 201,
    }),
  );
}

export async function httpAccept(api: Api, token: string, r: Created): Promise<void> {
  const body = record(
    await api.call({
      method: 'POST',
      path: `/api/referrals/${r.id}/actions/accept`,
      token,
      body: { version: r.version },
      expect: 200,
    }),
  );
  if (body.status !== 'accepted') throw new Error(`accept ${r.id}: status ${String(body.status)}`);
}

/** One worklist page; returns the cursor of the next page, or null at the end. */
export async function httpListPage(
  api: Api,
  token: string,
  params: Record<string, string | null>,
): Promise<string | null> {
  const q = new URLSearchParams({ box: 'incoming', limit: '20' });
  for (const [k, v] of Object.entries(params)) if (v !== null) q.set(k, v);
  const body = record(
    await api.call({ method: 'GET', path: `/api/referrals?${q.toString()}`, token, expect: 200 }),
  );
  if (!Array.isArray(body.items)) throw new Error('worklist without items');
  return typeof body.nextCursor === 'string' ? body.nextCursor : null;
}
