import 'reflect-metadata';
import {
  ArrayContains,
  ArrayMaxSize,
  ArrayMinSize,
  ArrayNotContains,
  Contains,
  Equals,
  IsAlpha,
  IsAlphanumeric,
  IsByteLength,
  IsDivisibleBy,
  IsEnum,
  IsHash,
  IsIdentityCard,
  IsIn,
  IsInstance,
  IsInt,
  IsIP,
  IsISBN,
  IsMobilePhone,
  IsNotIn,
  IsPassportNumber,
  IsPhoneNumber,
  IsPostalCode,
  IsTaxId,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxDate,
  MaxLength,
  Min,
  MinDate,
  MinLength,
  NotContains,
  NotEquals,
  ValidateNested,
  ValidationError,
  ValidatorConstraint,
  Validate,
  registerDecorator,
  validate,
} from 'class-validator';
import * as classValidator from 'class-validator';
import { ErrorCodeRegistry } from '../codes/registry.js';
import { defineErrorCode } from '../codes/error-code.js';
import { INVALID_VALUE, VALIDATION_CODES, VALIDATION_RULES } from '../codes/validation.codes.js';
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
      ruleCodes: new Map([['startsWith', { code: INVALID_VALUE, details: ([prefix]) => ({ prefix }) }]]),
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
  it('reads the arguments of every rule that has some into its details, as class-validator stores them', async () => {
    enum Colour {
      Red = 1,
      Blue = 2,
    }
    class Box {}
    const day = new Date('2020-01-01T00:00:00Z');
    class Every {
      @Equals('yes') equals = 'no';
      @NotEquals('no') notEquals = 'no';
      @IsIn(['a', 'b']) isIn = 'c';
      @IsNotIn(['a']) isNotIn = 'a';
      @IsEnum(Colour) isEnum = 3;
      @IsInstance(Box) isInstance = {};
      @IsDivisibleBy(3) isDivisibleBy = 4;
      @Min(5) min = 4;
      @Max(5) max = 6;
      @MinDate(day) minDate = new Date('2019-01-01T00:00:00Z');
      @MaxDate(() => day) maxDate = new Date('2021-01-01T00:00:00Z');
      @MinLength(3) minLength = 'ab';
      @MaxLength(1) maxLength = 'ab';
      @Length(3) length = 'ab';
      @Matches(/^a+$/) matches = 'b';
      @Contains('x') contains = 'abc';
      @NotContains('a') notContains = 'abc';
      @IsUUID('4') isUuid = 'x';
      @IsAlpha() isAlpha = '1';
      @IsAlphanumeric('en-GB') isAlphanumeric = '-';
      @IsByteLength(1, 2) isByteLength = 'abc';
      @IsIP(4) isIp = 'x';
      @IsHash('md5') isHash = 'x';
      @IsPhoneNumber('GB') isPhoneNumber = 'x';
      @IsMobilePhone('en-GB') isMobilePhone = 'x';
      @IsPostalCode('GB') isPostalCode = 'x';
      @ArrayMinSize(2) arrayMinSize = [1];
      @ArrayMaxSize(1) arrayMaxSize = [1, 2];
      @ArrayContains([1]) arrayContains = [2];
      @ArrayNotContains([1]) arrayNotContains = [1];
      @IsISBN(13) isIsbn = 'x';
      @IsIdentityCard('ES') isIdentityCard = 'x';
      @IsPassportNumber('US') isPassportNumber = 'x';
      @IsTaxId('en-US') isTaxId = 'x';
    }
    const result = flattenValidationErrors(await validate(new Every(), { validationError: { target: true } }));
    const byField = Object.fromEntries(
      result.map(({ error }): [string, [string, unknown]] => [String(error.field), [error.error_code, error.details]]),
    );
    expect(byField).toEqual({
      equals: ['2013', { expected: 'yes' }],
      notEquals: ['2014', { forbidden: 'no' }],
      isIn: ['2015', { allowed: ['a', 'b'] }],
      isNotIn: ['2016', { forbidden: ['a'] }],
      isEnum: ['2017', { allowed: [1, 2] }],
      isInstance: ['2028', { type: 'Box' }],
      isDivisibleBy: ['2040', { divisor: 3 }],
      min: ['2043', { min: 5 }],
      max: ['2044', { max: 5 }],
      minDate: ['2045', { min: '2020-01-01T00:00:00.000Z' }],
      maxDate: ['2046', { max: '2020-01-01T00:00:00.000Z' }],
      minLength: ['2050', { min: 3 }],
      maxLength: ['2051', { max: 1 }],
      length: ['2052', { min: 3, max: null }],
      matches: ['2053', { pattern: '^a+$' }],
      contains: ['2054', { substring: 'x' }],
      notContains: ['2055', { substring: 'a' }],
      isUuid: ['2058', { version: '4' }],
      isAlpha: ['2064', { locale: null }],
      isAlphanumeric: ['2065', { locale: 'en-GB' }],
      isByteLength: ['2069', { min: 1, max: 2 }],
      isIp: ['2070', { version: 4 }],
      isHash: ['2094', { algorithm: 'md5' }],
      isPhoneNumber: ['2095', { region: 'GB' }],
      isMobilePhone: ['2096', { locale: 'en-GB' }],
      isPostalCode: ['2097', { locale: 'GB' }],
      arrayMinSize: ['2100', { min: 2 }],
      arrayMaxSize: ['2101', { max: 1 }],
      arrayContains: ['2104', { required: [1] }],
      arrayNotContains: ['2105', { forbidden: [1] }],
      isIsbn: ['2120', { version: 13 }],
      isIdentityCard: ['2125', { locale: 'ES' }],
      isPassportNumber: ['2126', { country: 'US' }],
      isTaxId: ['2127', { locale: 'en-US' }],
    });
    // Every rule whose catalogue entry promises details is above.
    const withDetails = VALIDATION_RULES.filter((rule) => rule.details).map((rule) => rule.code.code);
    expect(withDetails.sort()).toEqual(
      Object.values(byField)
        .map(([code]) => code)
        .sort(),
    );
  });
});

/** The constraint names class-validator exports a constant for: one per decorator. */
const decoratorRuleNames = (): string[] =>
  Object.entries(classValidator)
    .filter(([name, value]) => /^[A-Z0-9_]+$/.test(name) && typeof value === 'string')
    .map(([, value]) => value as string)
    .filter((name) => name !== classValidator.IS_OPTIONAL); // IsOptional never fails

/**
 * The violations class-validator reports under names of its own (no decorator constant):
 * an undecorated value, an undeclared key, a nested value that is no object, and a custom
 * rule registered without a name. Made to happen rather than listed, so a renamed one shows.
 */
async function systemViolations(): Promise<ValidationError[]> {
  class Empty {}
  class Order {
    @ValidateNested() line: unknown = 'not an object';
    code = 'abc';
  }
  registerDecorator({ name: '', target: Order, propertyName: 'code', validator: { validate: () => false } });
  return [
    ...(await validate(new Empty(), { forbidUnknownValues: true })),
    ...(await validate(Object.assign(new Order(), { extra: 1 }), { whitelist: true, forbidNonWhitelisted: true })),
  ];
}

describe('RULE_CODES', () => {
  it('has a code for every rule class-validator exports a constant for', () => {
    expect(decoratorRuleNames().filter((name) => !RULE_CODES.has(name))).toEqual([]);
  });

  it('answers the violations class-validator names itself with their own codes', async () => {
    const violations = await systemViolations();
    expect(violations.flatMap((error) => Object.keys(error.constraints ?? {})).sort()).toEqual([
      'customValidation',
      'nestedValidation',
      'unknownValue',
      'whitelistValidation',
    ]);
    const codes = flattenValidationErrors(violations).map((item) => `${item.error.field}: ${item.error.error_code}`);
    expect(codes.sort()).toEqual(['code: 2000', 'extra: 2002', 'line: 2029', 'null: 2005']);
  });

  it('names only constraints class-validator reports (a row it never reports is a code never raised)', async () => {
    const violations = await systemViolations();
    const reported = new Set([
      ...decoratorRuleNames(),
      ...violations.flatMap((error) => Object.keys(error.constraints ?? {})),
    ]);
    expect([...RULE_CODES.keys()].filter((name) => !reported.has(name))).toEqual([]);
  });

  it('uses only registered validation codes, each for one rule, each rule once', () => {
    const registry = new ErrorCodeRegistry().register(VALIDATION_CODES, 'library');
    const used = [...RULE_CODES.values()].map((rule) => rule.code);
    for (const code of used) expect(registry.get(code.code)).toBe(code);
    expect(new Set(used).size).toBe(used.length);
    expect(RULE_CODES.size).toBe(VALIDATION_RULES.length);
    for (const code of VALIDATION_CODES) expect(code.code).toMatch(/^2\d{3}$/);
  });
});
