/**
 * `npm run codes:catalogue`: writes docs/error-codes.md from the registry (the library's
 * codes plus the sample app's) and adds newly published codes to
 * docs/error-codes.lock.json. It refuses to run when a published code disappeared or
 * changed meaning: that is a breaking change for every client.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lockViolations, publishedCodes, renderCatalogue } from '@app/errors';
import { catalogueRegistry } from './catalogue-registry';

const root = join(__dirname, '..');
const registry = catalogueRegistry();
const lockPath = join(root, 'docs/error-codes.lock.json');
const lock = JSON.parse(readFileSync(lockPath, 'utf8')) as Record<string, never>;
const current = publishedCodes(registry);
const problems = lockViolations(lock, current);
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
const merged = Object.fromEntries(Object.entries({ ...lock, ...current }).sort(([a], [b]) => Number(a) - Number(b)));
writeFileSync(lockPath, `${JSON.stringify(merged, null, 2)}\n`);
writeFileSync(join(root, 'docs/error-codes.md'), renderCatalogue(registry));
console.log(`docs/error-codes.md: ${Object.keys(current).length} codes.`);
