/**
 * `npm run codes:catalogue`: writes docs/error-codes.md from the library's code registry
 * and adds newly published codes to docs/error-codes.lock.json (both ship in the
 * package). It refuses to run when a published code disappeared or changed meaning:
 * that is a breaking change for every client.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BUILTIN_CODES } from '../src/codes/builtin-codes.js';
import { PublishedCode, lockViolations, publishedCodes, renderCatalogue } from '../src/codes/catalogue.js';
import { ErrorCodeRegistry } from '../src/codes/registry.js';

const docs = (name: string): string => fileURLToPath(new URL(`../docs/${name}`, import.meta.url));
const registry = new ErrorCodeRegistry().register(BUILTIN_CODES, 'library');
const lockPath = docs('error-codes.lock.json');
const lock = JSON.parse(readFileSync(lockPath, 'utf8')) as Record<string, PublishedCode>;
const current = publishedCodes(registry);
const problems = lockViolations(lock, current);
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
const merged = Object.fromEntries(Object.entries({ ...lock, ...current }).sort(([a], [b]) => Number(a) - Number(b)));
writeFileSync(lockPath, `${JSON.stringify(merged, null, 2)}\n`);
writeFileSync(docs('error-codes.md'), renderCatalogue(registry));
console.log(`docs/error-codes.md: ${Object.keys(current).length} codes.`);
