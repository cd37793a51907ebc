import { API, ADAPTERS, SampleApp, startSampleApp, uid } from './support/app-harness';
import { expectContract } from '../support/test-app';

// The sample app throttles `POST /api/v0/users` per client with @nestjs/throttler
// (THROTTLE_LIMIT per minute); here the limit is 2, so the third request is refused.

describe.each(ADAPTERS)('throttled POST /users (%s)', (adapter) => {
  let app: SampleApp;

  beforeAll(async () => {
    app = await startSampleApp('pglite', adapter, { throttleLimit: 2 });
  });
  afterAll(() => app?.close());

  it('answers 429 RATE_LIMITED in the contract, with Retry-After and the limit', async () => {
    for (let index = 0; index < 2; index += 1) {
      const allowed = await app
        .http()
        .post(`${API}/users`)
        .send({ username: `throttle${uid()}`, email: `throttle${uid()}@example.com` });
      expect(allowed.status).toBe(201);
      expect(allowed.headers['x-ratelimit-limit']).toBe('2');
      expect(allowed.headers['x-ratelimit-remaining']).toBe(String(1 - index));
    }
    const refused = await app
      .http()
      .post(`${API}/users`)
      .send({ username: `throttle${uid()}`, email: `throttle${uid()}@example.com` })
      .expect(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(expectContract(refused)).toEqual([
      {
        message: 'Too many requests. Try again after the time in Retry-After.',
        error_code: '1060',
        field: null,
        details: { limit: 2, window_seconds: 60, retry_after_seconds: retryAfter },
      },
    ]);
    // Other routes are not throttled.
    await app.http().get(`${API}/users`).expect(200);
  });

  it('answers a throttled request in German when asked, with the same details', async () => {
    const refused = await app
      .http()
      .post(`${API}/users`)
      .set('accept-language', 'de')
      .send({ username: `throttle${uid()}`, email: `throttle${uid()}@example.com` })
      .expect(429);
    expect(refused.headers['content-language']).toBe('de');
    expect(expectContract(refused)).toEqual([
      {
        message: 'Zu viele Anfragen. Versuchen Sie es nach der Zeit in Retry-After erneut.',
        error_code: '1060',
        field: null,
        details: { limit: 2, window_seconds: 60, retry_after_seconds: Number(refused.headers['retry-after']) },
      },
    ]);
  });
});
