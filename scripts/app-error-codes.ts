/**
 * `npm run codes:app`: writes docs/app-error-codes.md, the sample app's own codes
 * (6000-9999), and adds newly published ones to docs/app-error-codes.lock.json. The
 * library's codes have their own catalogue, shipped in the package
 * (libs/errors/docs/error-codes.md). A published code must never disappear or change
 * its name, status or details: this refuses to run when one did, and
 * test/app/app-error-codes.spec.ts fails.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderAppCatalogue, appLockProblems, appLockOf } from './app-error-codes.render';

const root = join(__dirname, '..');
const lockPath = join(root, 'docs/app-error-codes.lock.json');
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const problems = appLockProblems(lock);
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
const merged = Object.fromEntries(
  Object.entries({ ...lock, ...appLockOf() }).sort(([a], [b]) => Number(a) - Number(b)),
);
writeFileSync(lockPath, `${JSON.stringify(merged, null, 2)}\n`);
writeFileSync(join(root, 'docs/app-error-codes.md'), renderAppCatalogue());
console.log(`docs/app-error-codes.md: ${Object.keys(merged).length} codes.`);
