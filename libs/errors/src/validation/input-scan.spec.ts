import { checkInput, scanInput } from './input-scan.js';

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

describe('checkInput', () => {
  const limits = { maxArrayLength: 10, maxProperties: 10 };

  it('calls what JSON.parse gives plain data: nothing Nest would clean in it', () => {
    for (const text of ['{"a":1,"b":[1,"x",{"c":null}],"d":{"e":true}}', '[1,2]', '"text"', '3', 'null']) {
      expect(checkInput(JSON.parse(text), limits)).toBe('plain-data');
    }
    expect(checkInput(Object.assign(Object.create(null) as object, { a: 1 }), limits)).toBe('plain-data');
  });

  it.each([
    ['a prototype key JSON.parse kept', JSON.parse('{"a":{"__proto__":{"admin":true}}}')],
    ['a constructor key', JSON.parse('{"constructor":{"prototype":{}}}')],
    ['a prototype key', { a: { prototype: 1 } }],
    ['a sparse array', { tags: [, 'a'] }],
    ['a Date', { at: new Date(0) }],
    ['a Buffer', { file: Buffer.from('x') }],
    ['an ArrayBuffer', { file: new ArrayBuffer(2) }],
    ['a class instance', { when: new URL('https://example.com') }],
  ])('calls a value holding %s other data, for Nest to clean', (_, value: unknown) => {
    expect(checkInput(value, limits)).toBe('other-data');
  });

  it('does not take an index inherited from a polluted Array.prototype for an item', () => {
    (Array.prototype as unknown as Record<number, unknown>)[0] = 'polluted';
    try {
      expect(checkInput({ list: [, 'x'] }, limits)).toBe('other-data');
    } finally {
      delete (Array.prototype as unknown as Record<number, unknown>)[0];
    }
  });

  it('still reports a problem first, with its field', () => {
    expect(checkInput({ at: new Date(0), name: '\ud800' }, limits)).toEqual({ kind: 'lone-surrogate', field: 'name' });
  });
});
