import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lockViolations, publishedCodes, renderCatalogue } from '@app/errors';
import { catalogueRegistry } from '../scripts/catalogue-registry';

const docs = join(__dirname, '..', 'docs');

describe('the committed error code catalogue', () => {
  const registry = catalogueRegistry();

  it('matches the registry (run `npm run codes:catalogue` after changing a code)', () => {
    expect(readFileSync(join(docs, 'error-codes.md'), 'utf8')).toBe(renderCatalogue(registry));
  });

  it('keeps every published code with its meaning', () => {
    const lock = JSON.parse(readFileSync(join(docs, 'error-codes.lock.json'), 'utf8'));
    expect(lockViolations(lock, publishedCodes(registry))).toEqual([]);
  });

  it('has every registered code in the lock (published codes are recorded)', () => {
    const lock = JSON.parse(readFileSync(join(docs, 'error-codes.lock.json'), 'utf8'));
    expect(Object.keys(publishedCodes(registry)).filter((code) => !(code in lock))).toEqual([]);
  });
});
