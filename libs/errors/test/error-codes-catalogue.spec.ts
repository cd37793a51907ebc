import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_CODES } from '../src/codes/builtin-codes.js';
import { lockViolations, publishedCodes, renderCatalogue } from '../src/codes/catalogue.js';
import { ErrorCodeRegistry } from '../src/codes/registry.js';

const docs = join(__dirname, '..', 'docs');
const readLock = () => JSON.parse(readFileSync(join(docs, 'error-codes.lock.json'), 'utf8'));

describe("the library's committed error code catalogue (shipped in the package)", () => {
  const registry = new ErrorCodeRegistry().register(BUILTIN_CODES, 'library');

  it('matches the registry (run `npm run codes:catalogue` after changing a code)', () => {
    expect(readFileSync(join(docs, 'error-codes.md'), 'utf8')).toBe(renderCatalogue(registry));
  });

  it('keeps every published code with its meaning', () => {
    expect(lockViolations(readLock(), publishedCodes(registry))).toEqual([]);
  });

  it('has every registered code in the lock (published codes are recorded)', () => {
    const lock = readLock();
    expect(Object.keys(publishedCodes(registry)).filter((code) => !(code in lock))).toEqual([]);
  });

  it('holds only library codes: the application range belongs to apps', () => {
    expect(Object.keys(readLock()).filter((code) => Number(code) >= 6000)).toEqual([]);
  });
});
