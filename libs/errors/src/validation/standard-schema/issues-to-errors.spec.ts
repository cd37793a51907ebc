import { type } from 'arktype';
import * as v from 'valibot';
import { z } from 'zod';
import { LocalizableError } from '../../contract/localizable-error.js';
import { GREATER_THAN, LESS_THAN, MIN_DATE, UNKNOWN_PROPERTY } from '../../codes/validation.codes.js';
import { StandardSchemaIssue } from './issue.js';
import { standardSchemaIssuesToErrors } from './issues-to-errors.js';

/** The issues a real schema library reports for a value. */
async function issuesOf(schema: { '~standard': { validate(value: unknown): unknown } }, value: unknown) {
  const result = (await schema['~standard'].validate(value)) as { issues?: readonly StandardSchemaIssue[] };
  if (!result.issues) throw new Error('expected the value to be invalid');
  return result.issues;
}

describe('standardSchemaIssuesToErrors', () => {
  it('joins path segments that are keys or objects with a key (valibot), behind the parameter name', () => {
    const issues: StandardSchemaIssue[] = [
      { message: 'Bad', path: ['profile', { key: 'links' }, 1, { key: 'url' }] },
      { message: 'Bad' },
    ];
    expect(standardSchemaIssuesToErrors(issues, { parameter: 'filter' }).map((item) => item.error.field)).toEqual([
      'filter.profile.links.1.url',
      'filter',
    ]);
  });

  it('keeps the words of a library it has no dialect for, under the generic code', () => {
    const [error] = standardSchemaIssuesToErrors([{ message: 'must be shiny', path: ['car'] }], { vendor: 'other' });
    expect(error).toEqual({
      status: 400,
      error: { message: 'must be shiny.', error_code: '2000', field: 'car', details: null },
    });
    // Written for the occurrence: not rendered again in another locale
    expect(LocalizableError.argumentsOf(error)).toBeUndefined();
  });

  it("replaces zod's default message with the catalogue's (re-rendered per locale), keeps the author's", async () => {
    const schema = z.object({ name: z.string().min(3), nick: z.string().min(3, 'Pick a longer nickname') });
    const errors = standardSchemaIssuesToErrors(await issuesOf(schema, { name: 'a', nick: 'b' }), { vendor: 'zod' });
    expect(errors.map((item) => item.error)).toEqual([
      {
        message: 'Name must be longer than or equal to 3 characters.',
        error_code: '2050',
        field: 'name',
        details: { min: 3 },
      },
      { message: 'Pick a longer nickname.', error_code: '2050', field: 'nick', details: { min: 3 } },
    ]);
    expect(LocalizableError.argumentsOf(errors[0])).toBeDefined();
    expect(LocalizableError.argumentsOf(errors[1])).toBeUndefined();
  });

  it('tells a missing key from a wrong type by the input, when it has it', async () => {
    const issues = await issuesOf(z.object({ name: z.string() }), {});
    expect(standardSchemaIssuesToErrors(issues, { vendor: 'zod', input: {} })[0].error.error_code).toBe('2010');
    // Without the input, zod's issue says only that a string was expected
    expect(standardSchemaIssuesToErrors(issues, { vendor: 'zod' })[0].error.error_code).toBe('2024');
  });

  it('answers one error per unknown key of a zod strict object', async () => {
    const issues = await issuesOf(z.strictObject({ a: z.object({}).strict() }), { a: { x: 1, y: 2 } });
    expect(standardSchemaIssuesToErrors(issues).map((item) => [item.error.error_code, item.error.field])).toEqual([
      [UNKNOWN_PROPERTY.code, 'a.x'],
      [UNKNOWN_PROPERTY.code, 'a.y'],
    ]);
  });

  it.each([
    ['zod', z.object({ n: z.number().gt(3), m: z.number().lt(1) })],
    ['valibot', v.object({ n: v.pipe(v.number(), v.gtValue(3)), m: v.pipe(v.number(), v.ltValue(1)) })],
    ['arktype', type({ n: 'number > 3', m: 'number < 1' })],
  ])('exclusive bounds have codes of their own (%s)', async (vendor, schema) => {
    const errors = standardSchemaIssuesToErrors(await issuesOf(schema, { n: 3, m: 1 }), { vendor });
    expect(errors.map((item) => item.error).sort((a, b) => (a.field! < b.field! ? -1 : 1))).toEqual([
      { message: 'M must be less than 1.', error_code: LESS_THAN.code, field: 'm', details: { max: 1 } },
      { message: 'N must be greater than 3.', error_code: GREATER_THAN.code, field: 'n', details: { min: 3 } },
    ]);
  });

  it('gives date bounds in ISO 8601', async () => {
    const issues = await issuesOf(z.object({ at: z.date().min(new Date('2026-01-01T00:00:00Z')) }), {
      at: new Date('2025-01-01T00:00:00Z'),
    });
    expect(standardSchemaIssuesToErrors(issues)[0].error).toEqual({
      message: 'The minimal allowed date for at is 2026-01-01T00:00:00.000Z.',
      error_code: MIN_DATE.code,
      field: 'at',
      details: { min: '2026-01-01T00:00:00.000Z' },
    });
  });

  it('finds the dialect from the issue when the vendor is not given', async () => {
    const fromValibot = await issuesOf(v.object({ a: v.pipe(v.string(), v.email()) }), { a: 'x' });
    const fromArktype = await issuesOf(type({ a: 'string.email' }), { a: 'x' });
    for (const issues of [fromValibot, fromArktype]) {
      expect(standardSchemaIssuesToErrors(issues)[0].error.error_code).toBe('2056');
    }
  });

  it('never puts the rejected value in the answer', async () => {
    const secret = 'hunter2-secret';
    const issues = await issuesOf(z.object({ pin: z.string().length(4) }), { pin: secret });
    expect(JSON.stringify(standardSchemaIssuesToErrors(issues))).not.toContain(secret);
  });

  it('caps the answer and only counts past the cap', () => {
    const issues = Array.from({ length: 1000 }, (_, index) => ({ message: 'x', path: [index] }));
    const errors = standardSchemaIssuesToErrors(issues, { vendor: 'other', maxErrors: 3 });
    expect(errors.map((item) => item.error.field)).toEqual(['0', '1', null]);
    expect(errors[2].error.details).toEqual({ omitted: 998, max_errors: 3 });
  });

  it('names the whole value in words when the issue has no path', async () => {
    const issues = await issuesOf(z.string().min(3), 'a');
    expect(standardSchemaIssuesToErrors(issues)[0].error.message).toBe(
      'The value must be longer than or equal to 3 characters.',
    );
  });
});
