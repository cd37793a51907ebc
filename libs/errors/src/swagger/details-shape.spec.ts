import { BUILTIN_CODES } from '../codes/builtin-codes.js';
import { exampleOf, parseShape } from './details-shape.js';
import { orNull, shapeSchema } from './openapi-schema.js';

describe('parseShape (the details text of a code)', () => {
  it('reads the details of every built-in code', () => {
    const unread = BUILTIN_CODES.filter((code) => parseShape(code.details) === undefined).map((code) => code.name);
    expect(unread).toEqual([]);
  });

  it('reads objects, optional keys, arrays, unions, literals and a trailing remark', () => {
    expect(parseShape('{ columns: string[], values?: unknown[] } | null')).toEqual({
      kind: 'union',
      members: [
        {
          kind: 'object',
          fields: [
            {
              name: 'columns',
              optional: false,
              shape: { kind: 'array', items: { kind: 'primitive', name: 'string' } },
            },
            { name: 'values', optional: true, shape: { kind: 'array', items: { kind: 'primitive', name: 'unknown' } } },
          ],
        },
        { kind: 'primitive', name: 'null' },
      ],
    });
    expect(parseShape('{ allowed: (string | number)[] }')).toEqual({
      kind: 'object',
      fields: [
        {
          name: 'allowed',
          optional: false,
          shape: {
            kind: 'array',
            items: {
              kind: 'union',
              members: [
                { kind: 'primitive', name: 'string' },
                { kind: 'primitive', name: 'number' },
              ],
            },
          },
        },
      ],
    });
    expect(parseShape("{ retryable: true, max_length: 30, kind: 'unique' }")).toEqual({
      kind: 'object',
      fields: [
        { name: 'retryable', optional: false, shape: { kind: 'literal', value: true } },
        { name: 'max_length', optional: false, shape: { kind: 'literal', value: 30 } },
        { name: 'kind', optional: false, shape: { kind: 'literal', value: 'unique' } },
      ],
    });
    expect(parseShape('{ min: string } (ISO 8601)')).toEqual(parseShape('{ min: string }'));
  });

  it.each(['', '{ a: }', '{ a: string', 'Map<string, number>', '{ a: string } extra', 'string[', '{ 1 }'])(
    'gives up on %j',
    (text) => {
      expect(parseShape(text)).toBeUndefined();
    },
  );
});

describe('shapeSchema', () => {
  const shape = parseShape('{ columns: string[], resource: string | null, version: number | string | null } | null')!;

  it('marks null with `nullable` beside a type in OpenAPI 3.0', () => {
    expect(shapeSchema(shape, '3.0')).toEqual({
      type: 'object',
      nullable: true,
      required: ['columns', 'resource', 'version'],
      properties: {
        columns: { type: 'array', items: { type: 'string' } },
        resource: { type: 'string', nullable: true },
        version: { anyOf: [{ type: 'number', nullable: true }, { type: 'string' }] },
      },
    });
  });

  it('uses the null type in OpenAPI 3.1', () => {
    expect(shapeSchema(shape, '3.1')).toEqual({
      type: ['object', 'null'],
      required: ['columns', 'resource', 'version'],
      properties: {
        columns: { type: 'array', items: { type: 'string' } },
        resource: { type: ['string', 'null'] },
        version: { anyOf: [{ type: 'number' }, { type: 'string' }, { type: 'null' }] },
      },
    });
  });

  it('describes "always null" in both dialects', () => {
    expect(shapeSchema(parseShape('null')!, '3.1')).toEqual({ type: 'null' });
    expect(shapeSchema(parseShape('null')!, '3.0')).toEqual({ type: 'object', nullable: true, enum: [null] });
    expect(orNull({ $ref: '#/components/schemas/X' }, '3.0')).toEqual({
      anyOf: [{ $ref: '#/components/schemas/X' }, { type: 'object', nullable: true, enum: [null] }],
    });
  });
});

describe('exampleOf', () => {
  it('fills required keys, takes the first non-null alternative, keeps literals', () => {
    expect(
      exampleOf(parseShape('{ columns: string[], values?: unknown[], max: number | null, retryable: true } | null')!),
    ).toEqual({
      columns: ['string'],
      max: 0,
      retryable: true,
    });
  });
});
