import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Browser, chromium } from 'playwright-core';
import { ADAPTERS, SampleApp, startSampleApp } from './support/app-harness';

jest.setTimeout(120_000);

/**
 * Swagger UI at /api/docs, in a real headless Chromium (Debian's `chromium` package,
 * driven by playwright-core; `.ci/run` installs it). Where it is not installed the test
 * is skipped with a message, except on CI, where its absence fails the run.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FOUND = existsSync(CHROMIUM);
if (!CHROMIUM_FOUND) {
  if (process.env.CI)
    throw new Error(`Chromium not found at ${CHROMIUM}: CI runs the Swagger UI test (apt-get install chromium).`);
  process.stderr.write(
    `Chromium not found at ${CHROMIUM}: skipped the Swagger UI browser test (apt-get install chromium).\n`,
  );
}

/** Flags for a quiet, offline, sandbox-less run in a container. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The screenshot the README shows; refreshed with UPDATE_SCREENSHOT=1. */
const README_SCREENSHOT = resolve(__dirname, '..', '..', 'docs', 'swagger-ui-post-users-409.png');

describe('Swagger UI at /api/docs', () => {
  let browser: Browser | undefined;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'swagger-ui-'));
    if (CHROMIUM_FOUND) browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

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
      const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
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
            : join(dir, `${adapter}.png`);
        await conflict.screenshot({ path: shot });
        expect(statSync(shot).size).toBeGreaterThan(10_000);
      } finally {
        await page.close();
      }
    });
  });
});
