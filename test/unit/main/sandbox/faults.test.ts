import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from './helpers';

describe('sandbox fault knobs', () => {
  let t: TestSandbox;
  beforeAll(async () => {
    t = await startTestSandbox({ users: 2 });
  });
  afterAll(() => t.close());

  it('are off by default', () => {
    expect(t.sandbox.status().faults).toEqual({ latencyMs: 0, failNext: null, dropNext: 0 });
  });

  it('answer the next N requests with the chosen status and an Error body, then recover', async () => {
    t.sandbox.configure({ faults: { failNext: { status: 503, count: 2 } } });
    expect(t.sandbox.status().faults.failNext).toEqual({ status: 503, count: 2 });
    for (let i = 0; i < 2; i++) {
      const res = await t.get('/Users');
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(res.body).toMatchObject({ status: '503', schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'] });
    }
    expect((await t.get('/Users')).status).toBe(200);
    expect(t.sandbox.status().faults.failNext).toBeNull();
  });

  it('drop the connection of the next N requests without an answer', async () => {
    t.sandbox.configure({ faults: { dropNext: 1 } });
    await expect(fetch(`${t.sandbox.baseUrl}/Users`, { headers: { authorization: `Bearer ${t.sandbox.token}`, connection: 'close' } })).rejects.toThrow();
    expect((await t.get('/Users')).status).toBe(200);
  });

  it('add latency before every answer', async () => {
    t.sandbox.configure({ faults: { latencyMs: 120 } });
    const started = performance.now();
    const res = await t.get('/Users?count=1');
    // a lower bound only: setTimeout never fires early
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    expect(res.status).toBe(200);
    t.sandbox.configure({ faults: { latencyMs: 0 } });
    expect(t.sandbox.status().faults.latencyMs).toBe(0);
  });
});
