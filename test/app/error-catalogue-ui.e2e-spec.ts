import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ADAPTERS, API, SampleApp, startSampleApp } from './support/app-harness';
import { chromiumFound, useHeadlessChromium } from './support/chromium';

jest.setTimeout(120_000);

/**
 * The error code catalogue at /errors in a real headless Chromium (Debian's `chromium`,
 * driven by playwright-core, as the Swagger UI test does): the `type` of a real
 * problem+json answer, opened in the browser, is the code's page. Skipped with a message
 * where Chromium is missing, except on CI.
 */
const CHROMIUM_FOUND = chromiumFound('the catalogue browser test');

/** The screenshot docs/openapi.md shows; refreshed with UPDATE_SCREENSHOT=1. */
const DOCS_SCREENSHOT = resolve(__dirname, '..', '..', 'docs', 'error-catalogue-2056.png');

describe('the error code catalogue in a browser', () => {
  const chromium = useHeadlessChromium(CHROMIUM_FOUND, 'error-catalogue-ui-');

  describe.each(ADAPTERS)('on %s', (adapter) => {
    let app: SampleApp;
    beforeAll(async () => {
      if (CHROMIUM_FOUND) app = await startSampleApp('pglite', adapter);
    });
    afterAll(async () => {
      await app?.close();
    });

    (CHROMIUM_FOUND ? it : it.skip)('follows the type of a real problem+json answer to its entry', async () => {
      const answer = await app
        .http()
        .post(`${API}/users`)
        .set('Accept', 'application/problem+json')
        .send({ email: 'not-an-email', username: 'someone' });
      expect(answer.status).toBe(400);
      const { type } = JSON.parse(answer.text) as { type: string };
      expect(type).toBe('/errors/2056');

      const { port } = app.app.getHttpServer().address() as { port: number };
      const origin = `http://127.0.0.1:${port}`;
      const page = await chromium.newPage({ width: 1000, height: 700 });
      try {
        // The list first: a browser gets HTML, each code links to its page.
        await page.goto(`${origin}/errors`);
        expect(await page.title()).toBe('Error codes');
        expect(await page.locator('tr[id="6002"]').innerText()).toContain('EMAIL_TAKEN');

        // The type URI, resolved against the API's origin as RFC 9457 says.
        const response = await page.goto(new URL(type, origin).toString());
        expect(response?.status()).toBe(200);
        expect(response?.headers()['content-type']).toBe('text/html; charset=utf-8');
        expect(await page.title()).toBe('2056 IS_EMAIL');
        const text = await page.locator('body').innerText();
        expect(text).toContain('{field} must be an email.');
        expect(text).toContain('{field} muss eine E-Mail-Adresse sein.');
        expect(text).toContain('POST /api/v0/users');
        expect(text).toContain('PATCH /api/v0/users/{id}');

        // Back to the list through the page's own link.
        await page.locator('a', { hasText: 'All error codes' }).click();
        await page.waitForURL(`${origin}/errors`);

        await page.goto(new URL(type, origin).toString());
        const shot =
          process.env.UPDATE_SCREENSHOT === '1' && adapter === 'express'
            ? DOCS_SCREENSHOT
            : join(chromium.dir, `${adapter}.png`);
        await page.screenshot({ path: shot, fullPage: true });
        expect(statSync(shot).size).toBeGreaterThan(10_000);
      } finally {
        await page.close();
      }
    });
  });
});
