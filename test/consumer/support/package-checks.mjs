import { join } from 'node:path';
import { REPOSITORY } from './consumer-apps.mjs';
import { run } from './run.mjs';

const bin = (name) => join(REPOSITORY, 'node_modules/.bin', name);

/** publint on the tarball; `--strict` makes its warnings fail too (suggestions only print). */
export function publint(tarball) {
  return run(bin('publint'), ['run', tarball, '--strict'], { cwd: REPOSITORY });
}

/**
 * arethetypeswrong on the tarball, with the profile that matches the engines the package
 * supports (Node >= 20.19, as NestJS 12):
 * - `--profile node16` leaves out TypeScript's `moduleResolution: node10`, which reads
 *   no `exports` map. NestJS 12 itself cannot be resolved that way (its packages are
 *   ESM with `exports` only) and its schematics scaffold `nodenext`.
 * - `--ignore-rules cjs-resolves-to-esm`: the package is ESM only, and attw flags every
 *   `require()` of ESM ("ESM (dynamic import only)"). Node 20.19+ loads ESM with
 *   `require()` (the CommonJS app of this test does exactly that), and TypeScript
 *   understands it under `module: node20` / `nodenext` (5.8+), which the NestJS 12
 *   CommonJS scaffold uses. attw's own bundled TypeScript predates that. Every other
 *   rule still applies to CommonJS consumers (missing or wrong types, false ESM/CJS...).
 */
export function arethetypeswrong(tarball) {
  return run(bin('attw'), [tarball, '--profile', 'node16', '--ignore-rules', 'cjs-resolves-to-esm'], {
    cwd: REPOSITORY,
  });
}
