import { scanInput } from './input-scan.js';

describe('scanInput', () => {
  const limits = { maxArrayLength: 3, maxProperties: 3 };

  it('finds an over-long array by its length, without visiting its items', () => {
    let visited = 0;
    const items = new Proxy([1, 2, 3, 4, 5], {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/u.test(key)) visited++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    expect(scanInput({ profile: { links: items } }, limits)).toEqual({
      kind: 'array-too-long',
      field: 'profile.links',
      length: 5,
    });
    expect(visited).toBe(0);
    expect(scanInput([1, 2, 3, 4], limits)).toEqual({ kind: 'array-too-long', field: null, length: 4 });
    expect(scanInput({ a: [1, 2, 3] }, limits)).toBeUndefined();
  });

  it('finds an object of too many keys by their number, without visiting its values', () => {
    expect(scanInput({ a: { w: 1, x: '\ud800', y: 3, z: 4 } }, limits)).toEqual({
      kind: 'too-many-properties',
      field: 'a',
      count: 4,
    });
    expect(scanInput({ a: 1, b: 2, c: 3 }, limits)).toBeUndefined();
  });

  it('reports the first problem in document order, keys included', () => {
    expect(scanInput({ a: 'ok', b: { ['c\ud800']: 1 }, d: [1, 2, 3, 4] }, limits)).toEqual({
      kind: 'lone-surrogate',
      field: 'b.c\ud800',
    });
    expect(scanInput({ d: [1, 2, 3, 4], b: '\udfff' }, limits)).toMatchObject({ kind: 'array-too-long', field: 'd' });
  });

  it('visits a wide value in one pass (33,000 items within the limit)', () => {
    const items = Array.from({ length: 33_000 }, () => ({}));
    expect(scanInput({ links: items }, { maxArrayLength: 50_000, maxProperties: 10 })).toBeUndefined();
    expect(scanInput({ links: items }, { maxArrayLength: 5, maxProperties: 10 })).toMatchObject({
      field: 'links',
      length: 33_000,
    });
  });
});
