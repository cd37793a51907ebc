/**
 * `npm run api:report`: builds the declarations and rewrites api/*.api.md. Commit the
 * result with the change that caused it: the diff is the change of the public API.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emitDeclarations } from './emit-declarations.js';
import { renderApiReports } from './api-report.js';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'api-report-'));
try {
  emitDeclarations(packageRoot, out, execFileSync);
  const { reports, forgotten } = renderApiReports(packageRoot, out);
  if (forgotten.length > 0) console.warn(`Used in public declarations but not exported: ${forgotten.join(', ')}`);
  for (const [file, report] of reports) {
    writeFileSync(join(packageRoot, 'api', file), report);
    console.log(`api/${file}`);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
