import { BUILTIN_CODES } from './builtin-codes.js';
import { lockViolations, publishedCodes } from './catalogue.js';
import { DatabaseCodes, DomainCodes, RequestCodes, ServerCodes, ValidationCodes } from './categories.js';
import { DATABASE_CODES } from './database.codes.js';
import { DOMAIN_CODES } from './domain.codes.js';
import { ErrorCode, categoryOf, defineErrorCode } from './error-code.js';
import { ErrorCodeRegistrationError, ErrorCodeRegistry } from './registry.js';
import { REQUEST_CODES } from './request.codes.js';
import { SERVER_CODES } from './server.codes.js';
import { VALIDATION_CODES } from './validation.codes.js';

const USER_NOT_FOUND = defineErrorCode('6001', 'USER_NOT_FOUND', 404, 'No user has the id {id}.', {
  details: '{ id: number }',
});

describe('defineErrorCode', () => {
  it('creates occurrences with the template filled and the default status', () => {
    expect(USER_NOT_FOUND.create({ details: { id: 7 } })).toEqual({
      status: 404,
      error: { message: 'No user has the id 7.', error_code: '6001', field: null, details: { id: 7 } },
    });
  });

  it('lets an occurrence override message, field and status', () => {
    expect(USER_NOT_FOUND.create({ message: 'gone', field: 'id', status: 410 })).toEqual({
      status: 410,
      error: { message: 'Gone.', error_code: '6001', field: 'id', details: null },
    });
  });

  it('uses an occurrence message as written, never as a template (it may hold client text)', () => {
    expect(USER_NOT_FOUND.create({ message: 'Cannot GET /{constructor}/{id}', details: { id: 7 } }).error.message).toBe(
      'Cannot GET /{constructor}/{id}.',
    );
    expect(USER_NOT_FOUND.create({ template: 'User {id} is gone', details: { id: 7 } }).error.message).toBe(
      'User 7 is gone.',
    );
  });

  it.each([
    ['601', 'X', 400, /four digits/],
    ['6001', 'lower_case', 400, /UPPER_SNAKE_CASE/],
    ['6001', 'OK_STATUS', 200, /4xx or 5xx/],
  ])('refuses code %s name %s status %i', (code, name, status, message) => {
    expect(() => defineErrorCode(code, name, status, 'x')).toThrow(message);
  });
});

describe('ErrorCodeRegistry', () => {
  const builtins = () => new ErrorCodeRegistry().register(BUILTIN_CODES, 'library');

  it('holds every built-in code in its category range', () => {
    for (const { definition, category } of builtins().entries()) {
      expect(category).not.toBe('application');
      expect(categoryOf(definition.code)).toBe(category);
    }
  });

  it('refuses a code registered twice, naming both definitions', () => {
    const twin = defineErrorCode('6001', 'ACCOUNT_MISSING', 404, 'x');
    expect(() => builtins().register([USER_NOT_FOUND, twin], 'application')).toThrow(
      new ErrorCodeRegistrationError(
        'Error code 6001 is registered twice: as USER_NOT_FOUND and as ACCOUNT_MISSING. Each code is unique to one situation; pick an unused code for one of them.',
      ),
    );
  });

  it('refuses a name registered twice', () => {
    const twin = defineErrorCode('6002', 'USER_NOT_FOUND', 404, 'x');
    expect(() => builtins().register([USER_NOT_FOUND, twin], 'application')).toThrow(/name USER_NOT_FOUND/);
  });

  it('accepts the same constant twice (imported from two places)', () => {
    expect(() => builtins().register([USER_NOT_FOUND, USER_NOT_FOUND], 'application')).not.toThrow();
  });

  it('keeps apps in their range and the library out of it', () => {
    expect(() => builtins().register([defineErrorCode('4100', 'APP_IN_DOMAIN', 400, 'x')], 'application')).toThrow(
      /outside the application range 6000-9999/,
    );
    expect(() => new ErrorCodeRegistry().register([USER_NOT_FOUND], 'library')).toThrow(/outside the library ranges/);
  });
});

describe('the built-in codes by category', () => {
  it.each([
    ['RequestCodes', RequestCodes, REQUEST_CODES],
    ['ValidationCodes', ValidationCodes, VALIDATION_CODES],
    ['DatabaseCodes', DatabaseCodes, DATABASE_CODES],
    ['DomainCodes', DomainCodes, DOMAIN_CODES],
    ['ServerCodes', ServerCodes, SERVER_CODES],
  ] as [string, Readonly<Record<string, ErrorCode>>, readonly ErrorCode[]][])(
    '%s holds every catalogued code of its file under its own name, and nothing else',
    (_, byName, catalogued) => {
      const byOwnName = Object.fromEntries(catalogued.map((code) => [code.name, code]));
      expect(byName).toEqual(byOwnName);
      for (const [name, code] of Object.entries(byName)) expect(code).toBe(byOwnName[name]);
    },
  );
});

describe('a frozen registry', () => {
  it('refuses a later registration, naming the code and where codes are registered', () => {
    const registry = new ErrorCodeRegistry().register([USER_NOT_FOUND], 'application').freeze();
    const late = defineErrorCode('6002', 'LATE_CODE', 400, 'Late.');
    expect(() => registry.register([late], 'application')).toThrow(
      'Error code 6002 (LATE_CODE) cannot be registered after the app has started: ' +
        'register codes through ErrorsModule.forRoot({ codes }) (or forRootAsync), before bootstrap.',
    );
    expect(registry.get('6002')).toBeUndefined();
    expect(registry.isFrozen).toBe(true);
  });
});

describe('lockViolations', () => {
  const registry = new ErrorCodeRegistry().register([USER_NOT_FOUND], 'application');

  it('is empty when every published code keeps its meaning', () => {
    expect(lockViolations(publishedCodes(registry), publishedCodes(registry))).toEqual([]);
  });

  it('reports a published code that disappeared or changed meaning', () => {
    const lock = {
      '6001': { name: 'USER_NOT_FOUND', status: 400, details: '{ id: number }' },
      '6002': { name: 'OLD_CODE', status: 400, details: 'null' },
    };
    expect(lockViolations(lock, publishedCodes(registry))).toEqual([
      'Published code 6001 changed its status from 400 to 404.',
      'Published code 6002 (OLD_CODE) disappeared; codes are never removed or reused.',
    ]);
  });
});
