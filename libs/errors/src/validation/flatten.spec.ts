import 'reflect-metadata';
import { IsInt, MinLength, ValidationError, ValidatorConstraint, Validate, validate } from 'class-validator';
import * as classValidator from 'class-validator';
import { ErrorCodeRegistry } from '../codes/registry.js';
import { defineErrorCode } from '../codes/error-code.js';
import { VALIDATION_CODES } from '../codes/validation.codes.js';
import { flattenValidationErrors } from './flatten.js';
import { RULE_CODES } from './rule-codes.js';

function violation(
  property: string,
  constraints?: Record<string, string>,
  children: ValidationError[] = [],
): ValidationError {
  return Object.assign(new ValidationError(), { property, constraints, children });
}

describe('flattenValidationErrors', () => {
  it('gives one object per (path, rule), parents before children, indexes as path segments', () => {
    const errors = [
      violation('email', {
        isEmail: 'email must be an email',
        minLength: 'email must be longer than or equal to 5 characters',
      }),
      violation('profile', undefined, [
        violation('links', undefined, [
          violation('1', undefined, [violation('url', { isUrl: 'url must be a URL address' })]),
        ]),
      ]),
    ];
    expect(flattenValidationErrors(errors).map((item) => item.error)).toEqual([
      { message: 'Email must be an email.', error_code: '2056', field: 'email', details: null },
      {
        message: 'Email must be longer than or equal to 5 characters.',
        error_code: '2050',
        field: 'email',
        details: null,
      },
      { message: 'Url must be a URL address.', error_code: '2057', field: 'profile.links.1.url', details: null },
    ]);
  });

  it('takes a code from the rule context, then from the codes option, else INVALID_VALUE', () => {
    const OWN = defineErrorCode('6001', 'OWN', 422, 'Own.');
    const OPTION = defineErrorCode('6002', 'OPTION', 400, 'Option.');
    const withContext = violation('a', { isThing: 'a is no thing' });
    withContext.contexts = { isThing: { errorCode: OWN, details: { kind: 'thing' } } };
    const result = flattenValidationErrors(
      [withContext, violation('b', { isOther: 'b bad' }), violation('c', { isUnknown: 'c bad' })],
      {
        ruleCodes: new Map([['isOther', { code: OPTION }]]),
      },
    );
    expect(result).toEqual([
      { status: 422, error: { message: 'A is no thing.', error_code: '6001', field: 'a', details: { kind: 'thing' } } },
      { status: 400, error: { message: 'B bad.', error_code: '6002', field: 'b', details: null } },
      { status: 400, error: { message: 'C bad.', error_code: '2000', field: 'c', details: null } },
    ]);
  });

  it('reads rule arguments into details and keeps authored messages as written', async () => {
    class Dto {
      @MinLength(3) name = 'ab';
      @IsInt({ message: 'count: whole numbers only' }) count = 1.5;
    }
    const result = flattenValidationErrors(
      await validate(new Dto(), { validationError: { target: true, value: false } }),
    );
    expect(result.map((item) => item.error)).toEqual([
      {
        message: 'Name must be longer than or equal to 3 characters.',
        error_code: '2050',
        field: 'name',
        details: { min: 3 },
      },
      { message: 'count: whole numbers only.', error_code: '2023', field: 'count', details: null },
    ]);
  });

  it('finds the arguments of a @Validate constraint class by its registered name', async () => {
    @ValidatorConstraint({ name: 'startsWith' })
    class StartsWith {
      validate(value: string, args: { constraints: string[] }) {
        return value.startsWith(args.constraints[0]);
      }
    }
    class Dto {
      @Validate(StartsWith, ['x'], { message: 'must start with x' }) code = 'abc';
    }
    const result = flattenValidationErrors(await validate(new Dto()), {
      ruleCodes: new Map([['startsWith', { code: VALIDATION_CODES[0], details: ([prefix]) => ({ prefix }) }]]),
    });
    expect(result.map((item) => item.error)).toEqual([
      { message: 'must start with x.', error_code: '2000', field: 'code', details: { prefix: 'x' } },
    ]);
  });

  it('uses the code template when class-validator gave no message', () => {
    expect(flattenValidationErrors([violation('age', { isInt: '' })])[0].error.message).toBe(
      'Age must be an integer number.',
    );
  });

  it('caps at maxErrors objects, the last one counting what was left out', () => {
    const errors = Array.from({ length: 7 }, (_, index) =>
      violation(String(index), { isInt: 'x must be an integer number' }),
    );
    const result = flattenValidationErrors(errors, { maxErrors: 3 }).map((item) => item.error);
    expect(result).toEqual([
      { message: 'X must be an integer number.', error_code: '2023', field: '0', details: null },
      { message: 'X must be an integer number.', error_code: '2023', field: '1', details: null },
      {
        message: '5 more validation errors were left out.',
        error_code: '2003',
        field: null,
        details: { omitted: 5, max_errors: 3 },
      },
    ]);
    expect(flattenValidationErrors(errors.slice(0, 3), { maxErrors: 3 })).toHaveLength(3);
  });

  it('defaults the cap to 100 objects', () => {
    const errors = Array.from({ length: 150 }, (_, index) =>
      violation(String(index), { isInt: 'x must be an integer number' }),
    );
    const result = flattenValidationErrors(errors);
    expect(result).toHaveLength(100);
    expect(result[99].error).toEqual({
      message: '51 more validation errors were left out.',
      error_code: '2003',
      field: null,
      details: { omitted: 51, max_errors: 100 },
    });
  });

  it('walks 10,000 levels of nesting without overflowing the stack, in under a second', () => {
    let node = violation('name', { isString: 'name must be a string' });
    for (let level = 0; level < 10_000; level++) node = violation('child', undefined, [node]);
    const started = performance.now();
    const result = flattenValidationErrors([node]);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(result).toHaveLength(1);
    expect(result[0].error.field).toBe(`${'child.'.repeat(10_000)}name`);
  });

  it('flattens 100,000 invalid list items in under a second', () => {
    const items = Array.from({ length: 100_000 }, (_, index) =>
      violation(String(index), undefined, [violation('id', { isInt: 'id must be an integer number' })]),
    );
    const started = performance.now();
    const result = flattenValidationErrors([violation('items', undefined, items)]);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(result).toHaveLength(100);
    expect(result[98].error.field).toBe('items.98.id');
    expect(result[99].error.details).toEqual({ omitted: 99_901, max_errors: 100 });
  });
});

describe('RULE_CODES', () => {
  it('has a code for every rule class-validator exports a constant for', () => {
    const ruleNames = Object.entries(classValidator)
      .filter(([name, value]) => /^[A-Z0-9_]+$/.test(name) && typeof value === 'string')
      .map(([, value]) => value as string)
      .filter((name) => name !== classValidator.IS_OPTIONAL); // IsOptional never fails
    expect(ruleNames.filter((name) => !RULE_CODES.has(name))).toEqual([]);
  });

  it('uses only registered validation codes, each for one rule', () => {
    const registry = new ErrorCodeRegistry().register(VALIDATION_CODES, 'library');
    const used = [...RULE_CODES.values()].map((rule) => rule.code);
    for (const code of used) expect(registry.get(code.code)).toBe(code);
    expect(new Set(used).size).toBe(used.length);
    for (const code of VALIDATION_CODES) expect(code.code).toMatch(/^2\d{3}$/);
  });
});
