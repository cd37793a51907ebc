/**
 * `npm run docs:options`: rewrites the README's options tables from the option
 * interfaces' JSDoc (see options-table.ts). Commit the result with the change that caused it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderReadme } from './options-table.js';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
writeFileSync(join(packageRoot, 'README.md'), renderReadme(packageRoot));
console.log('README.md: options tables rewritten');
