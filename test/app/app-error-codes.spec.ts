import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appLockOf, appLockProblems, renderAppCatalogue } from '../../scripts/app-error-codes.render';

const docs = join(__dirname, '..', '..', 'docs');
const lock = () => JSON.parse(readFileSync(join(docs, 'app-error-codes.lock.json'), 'utf8'));

describe("the sample app's committed error code catalogue", () => {
  it('matches the codes (run `npm run codes:app` after changing one)', () => {
    expect(readFileSync(join(docs, 'app-error-codes.md'), 'utf8')).toBe(renderAppCatalogue());
  });

  it('keeps every published code with its meaning, and records every code', () => {
    expect(appLockProblems(lock())).toEqual([]);
    expect(Object.keys(appLockOf()).filter((code) => !(code in lock()))).toEqual([]);
  });
});
