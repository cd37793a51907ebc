import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, BrowserContextOptions, Page, chromium } from 'playwright-core';

/**
 * The headless Chromium the browser tests drive (Debian's `chromium` package, through
 * playwright-core; `.ci/run` installs it). Shared so every browser test launches it the
 * same way and reports its absence the same way.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

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

/**
 * Whether Chromium is installed. Where it is not, `test` (e.g. "the Swagger UI browser
 * test") is skipped with a message, except on CI, where its absence fails the run.
 */
export function chromiumFound(test: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI) throw new Error(`Chromium not found at ${CHROMIUM}: CI runs ${test} (apt-get install chromium).`);
  process.stderr.write(`Chromium not found at ${CHROMIUM}: skipped ${test} (apt-get install chromium).\n`);
  return false;
}

export interface HeadlessChromium {
  /** A scratch directory for screenshots, removed after the enclosing `describe`. */
  readonly dir: string;
  /** A new page of the shared browser; the caller closes it. */
  newPage(viewport: NonNullable<BrowserContextOptions['viewport']>): Promise<Page>;
}

/**
 * Called in a `describe`: launches Chromium (when `found`) and makes a scratch directory
 * named from `prefix` before its tests, and closes and removes both after them.
 */
export function useHeadlessChromium(found: boolean, prefix: string): HeadlessChromium {
  let browser: Browser | undefined;
  let dir = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    if (found) browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir;
    },
    newPage(viewport) {
      if (!browser) throw new Error(`Chromium was not launched (found at ${CHROMIUM}: ${found}).`);
      return browser.newPage({ viewport });
    },
  };
}
