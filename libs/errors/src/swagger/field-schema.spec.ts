import { fieldSchema } from './openapi-errors.js';

describe('fieldSchema (the fields a code is reported on, on one route)', () => {
  it('an enum of paths, null added where the code is also about no field', () => {
    expect(fieldSchema(['email', 'username'], '3.0')).toEqual({ type: 'string', enum: ['email', 'username'] });
    expect(fieldSchema(['email', null], '3.0')).toEqual({ type: 'string', nullable: true, enum: ['email', null] });
    expect(fieldSchema(['email', null], '3.1')).toEqual({ type: ['string', 'null'], enum: ['email', null] });
  });

  it('null only', () => {
    expect(fieldSchema([null], '3.1')).toEqual({ type: 'null' });
    expect(fieldSchema([null], '3.0')).toEqual({ type: 'string', nullable: true, enum: [null] });
  });

  it('a pattern where a path holds an index or a client key', () => {
    const schema = fieldSchema(['links.{index}.url', 'values.{column}', 'name'], '3.0');
    expect(schema).toEqual({
      type: 'string',
      pattern: '^(?:links\\.(?:0|[1-9][0-9]*)\\.url|name|values\\..+)$',
    });
    const pattern = new RegExp(schema.pattern as string, 'u');
    expect(['links.0.url', 'links.12.url', 'name', 'values.a.b'].every((field) => pattern.test(field))).toBe(true);
    expect(['links.01.url', 'links.x.url', 'names', 'values.'].some((field) => pattern.test(field))).toBe(false);
  });
});
