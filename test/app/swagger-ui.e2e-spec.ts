import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ADAPTERS, SampleApp, startSampleApp } from './support/app-harness';
import { chromiumFound, useHeadlessChromium } from './support/chromium';

jest.setTimeout(120_000);

/**
 * Swagger UI at /api/docs, in a real headless Chromium (Debian's `chromium` package,
 * driven by playwright-core; `.ci/run` installs it). Where it is not installed the test
 * is skipped with a message, except on CI, where its absence fails the run.
 */
const CHROMIUM_FOUND = chromiumFound('the Swagger UI browser test');

/** The screenshot the README shows; refreshed with UPDATE_SCREENSHOT=1. */
const README_SCREENSHOT = resolve(__dirname, '..', '..', 'docs', 'swagger-ui-post-users-409.png');

describe('Swagger UI at /api/docs', () => {
  const chromium = useHeadlessChromium(CHROMIUM_FOUND, 'swagger-ui-');

  describe.each(ADAPTERS)('on %s', (adapter) => {
    let app: SampleApp;
    beforeAll(async () => {
      if (CHROMIUM_FOUND) app = await startSampleApp('pglite', adapter);
    });
    afterAll(async () => {
      await app?.close();
    });

    (CHROMIUM_FOUND ? it : it.skip)('shows the 409 response of POST /api/v0/users with code 6002', async () => {
      const { port } = app.app.getHttpServer().address() as { port: number };
      const page = await chromium.newPage({ width: 1280, height: 900 });
      try {
        await page.goto(`http://127.0.0.1:${port}/api/docs`);
        const operation = page.locator('.opblock-post', {
          has: page.locator('.opblock-summary-path', { hasText: /^\/api\/v0\/users$/u }),
        });
        await operation.locator('.opblock-summary').first().click();
        const conflict = operation.locator('tr.response[data-code="409"]');
        await conflict.waitFor({ state: 'visible' });
        const text = await conflict.innerText();
        expect(text).toContain('6002');
        expect(text).toContain('EMAIL_TAKEN');
        expect(text).toContain('This email is already in use.');
        // The example body of the 409 is a contract error with the code.
        expect(text).toMatch(/"error_code": "6002"/u);

        await conflict.scrollIntoViewIfNeeded();
        const shot =
          process.env.UPDATE_SCREENSHOT === '1' && adapter === 'express'
            ? README_SCREENSHOT
            : join(chromium.dir, `${adapter}.png`);
        await conflict.screenshot({ path: shot });
        expect(statSync(shot).size).toBeGreaterThan(10_000);
      } finally {
        await page.close();
      }
    });
  });
});
