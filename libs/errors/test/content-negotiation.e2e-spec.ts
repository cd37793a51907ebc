import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Body, Controller, Get, LoggerService, Module, Param, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  MinLength,
  Validate,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import type { Test as SupertestRequest } from 'supertest';
import {
  DomainError,
  ErrorsModule,
  ErrorsModuleOptions,
  InvalidInputError,
  NotFoundError,
  ContractParseIntPipe,
  ContractValidationPipe,
  defineErrorCode,
} from 'nest-error-contract';
import { ADAPTERS, TestApp, createTestApp, rawExchange } from '../../../test/support/test-app.js';

/** The library's published codes (the lock the package ships). */
const LIBRARY_CODE_LOCK: Record<string, unknown> = JSON.parse(
  readFileSync(join(__dirname, '../docs/error-codes.lock.json'), 'utf8'),
);

/** Where a code's Problem Details `type` points by default: its row in the catalogue the package ships. */
/** Without a catalogue or a problemTypeBase, `type` is RFC 9457's default. */
const NO_TYPE = 'about:blank';

const ORDER_NOT_FOUND = defineErrorCode('6101', 'ORDER_NOT_FOUND', 404, 'No order has the id {id}.', {
  details: '{ id: number }',
});
const CART_FULL = defineErrorCode('6102', 'CART_FULL', 400, 'A cart holds at most {max} items.', {
  details: '{ max: number }',
});

/** Text that must never reach a client. */
const SECRET = 'postgres://admin:hunter2@db.internal/prod';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/u;

@ValidatorConstraint({ name: 'isKebab' })
class IsKebab implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && /^[a-z]+(?:-[a-z]+)*$/u.test(value);
  }
  defaultMessage(): string {
    return 'slug must be words in kebab-case';
  }
}

class SignupDto {
  @MinLength(8)
  password!: string;

  @IsString({ message: 'Tell us your name, please' })
  name!: string;

  @IsArray()
  @ArrayMinSize(2)
  tags!: string[];

  @IsOptional()
  @Validate(IsKebab)
  slug?: string;
}

@Controller()
class ShopController {
  @Get('orders/:id')
  order(@Param('id', ContractParseIntPipe) id: number) {
    throw new NotFoundError('order', { code: ORDER_NOT_FOUND, details: { id } });
  }

  @Get('cart/:max')
  cart(@Param('max', ContractParseIntPipe) max: number) {
    throw new DomainError(CART_FULL, { details: { max } });
  }

  @Get('thing')
  thing() {
    throw new NotFoundError('thing');
  }

  @Get('written')
  written() {
    throw new InvalidInputError('Coupons cannot be combined.', { field: 'coupon' });
  }

  @Get('boom')
  boom() {
    throw new Error(SECRET);
  }

  @Post('signup')
  signup(@Body(new ContractValidationPipe()) body: SignupDto) {
    return body;
  }

  @Post('echo')
  echo(@Body() body: unknown) {
    return body;
  }
}

class RecordingLogger implements LoggerService {
  readonly warnings: string[] = [];
  log(): void {}
  error(): void {}
  warn(message: unknown): void {
    this.warnings.push(String(message));
  }
}

function moduleWith(options: ErrorsModuleOptions) {
  @Module({
    imports: [ErrorsModule.forRoot({ codes: [ORDER_NOT_FOUND, CART_FULL], database: false, ...options })],
    controllers: [ShopController],
  })
  class ShopModule {}
  return ShopModule;
}

const MESSAGES: ErrorsModuleOptions['messages'] = {
  de: {
    codes: {
      '6101': 'Keine Bestellung hat die ID {id}.',
      '6102': {
        plural: 'max',
        one: 'Ein Warenkorb fasst höchstens {max} Position.',
        other: 'Ein Warenkorb fasst höchstens {max} Positionen.',
      },
    },
  },
  // A locale the library does not ship, with one message: the rest falls back to English.
  'fr-FR': { codes: { '6101': 'Aucune commande n’a l’identifiant {id}.' } },
  // An English message of a built-in code, overridden.
  en: { codes: { '4004': 'There is no {resource} here.' } },
};

/** The invalid signup every test sends, and its answer in English and in German. */
const SIGNUP = { password: 'short', tags: ['a'], slug: 'Not Kebab' };
const SIGNUP_EN = [
  {
    message: 'Password must be longer than or equal to 8 characters.',
    error_code: '2050',
    field: 'password',
    details: { min: 8 },
  },
  { message: 'Tell us your name, please.', error_code: '2024', field: 'name', details: null },
  { message: 'Tags must contain at least 2 elements.', error_code: '2100', field: 'tags', details: { min: 2 } },
  { message: 'Slug must be words in kebab-case.', error_code: '2000', field: 'slug', details: null },
];
const SIGNUP_DE = [
  {
    message: 'Password muss mindestens 8 Zeichen lang sein.',
    error_code: '2050',
    field: 'password',
    details: { min: 8 },
  },
  // Written in the DTO: as written in every language.
  { message: 'Tell us your name, please.', error_code: '2024', field: 'name', details: null },
  { message: 'Tags muss mindestens 2 Elemente enthalten.', error_code: '2100', field: 'tags', details: { min: 2 } },
  // A custom rule without a code keeps its own default message.
  { message: 'Slug must be words in kebab-case.', error_code: '2000', field: 'slug', details: null },
];

describe.each(ADAPTERS)('negotiated error responses on %s (default format and locale)', (adapter) => {
  const logger = new RecordingLogger();
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(adapter, { imports: [moduleWith({ messages: MESSAGES, logger })] });
  });
  afterAll(() => app.close());

  const signup = (headers: Record<string, string> = {}) => {
    let request = app.http().post('/signup');
    for (const [name, value] of Object.entries(headers)) request = request.set(name, value);
    return request.send(SIGNUP);
  };

  describe('a request that asks for nothing', () => {
    it('gets the array in English, as before, labelled with its language', async () => {
      const response = await signup();
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(response.headers['content-language']).toBe('en');
      expect(response.headers.vary).toBe('Accept, Accept-Language');
      expect(response.body).toEqual(SIGNUP_EN);
    });

    it("gets an app's English override of a built-in code", async () => {
      const response = await app.http().get('/thing');
      expect(response.body).toEqual([
        { message: 'There is no thing here.', error_code: '4004', field: null, details: { resource: 'thing' } },
      ]);
    });
  });

  describe('Accept: application/problem+json', () => {
    it('answers an RFC 9457 object whose errors are the array answer', async () => {
      const array = await signup();
      const response = await signup({ Accept: 'application/problem+json' });
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(response.headers['content-language']).toBe('en');
      const requestId = response.headers['x-request-id'];
      expect(requestId).toMatch(UUID);
      expect(JSON.parse(response.text)).toEqual({
        type: NO_TYPE,
        // Its type in words, and how many more problems `errors` holds.
        title: '… must be longer than or equal to … characters. (and 3 more problems)',
        status: 400,
        detail: 'Password must be longer than or equal to 8 characters.',
        instance: `urn:uuid:${requestId}`,
        request_id: requestId,
        errors: array.body,
      });
      expect(Object.keys(JSON.parse(response.text))).toEqual([
        'type',
        'title',
        'status',
        'detail',
        'instance',
        'request_id',
        'errors',
      ]);
    });

    it('leaves out instance when the request id is not a UUID (the client chose it)', async () => {
      const response = await app
        .http()
        .get('/orders/7')
        .set('Accept', 'application/problem+json')
        .set('X-Request-Id', 'abc-1');
      expect(JSON.parse(response.text)).toEqual({
        type: NO_TYPE,
        title: 'No order has the id …',
        status: 404,
        detail: 'No order has the id 7.',
        request_id: 'abc-1',
        errors: [{ message: 'No order has the id 7.', error_code: '6101', field: null, details: { id: 7 } }],
      });
    });

    it('reveals nothing more for a 5xx than the array does', async () => {
      const response = await app.http().get('/boom').set('Accept', 'application/problem+json');
      const requestId = response.headers['x-request-id'];
      const message = 'Something went wrong on our side. Quote the request id if you report it.';
      expect(response.status).toBe(500);
      expect(JSON.parse(response.text)).toEqual({
        type: NO_TYPE,
        title: 'Something went wrong on our side. Quote the request id if you report it.',
        status: 500,
        detail: message,
        instance: `urn:uuid:${requestId}`,
        request_id: requestId,
        errors: [{ message, error_code: '5000', field: null, details: { request_id: requestId } }],
      });
      expect(response.text).not.toContain('hunter2');
    });

    it.each([
      ['application/problem+json', true],
      ['application/problem+json, application/json;q=0.9', true],
      ['application/json;q=0.5, application/problem+json;q=0.8', true],
      ['application/problem+json;q=0.8, */*;q=0.1', true],
      ['application/json, application/problem+json', false],
      ['application/problem+json;q=0.5, application/json', false],
      ['application/problem+json;q=0.5, application/*', false],
      ['*/*', false],
      ['application/json', false],
      ['application/problem+json;q=2', false],
      ['text/html', false],
    ])('Accept: %s -> Problem Details: %s', async (accept, problem) => {
      const response = await app.http().get('/orders/7').set('Accept', accept);
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toBe(
        problem ? 'application/problem+json; charset=utf-8' : 'application/json; charset=utf-8',
      );
      expect(Array.isArray(JSON.parse(response.text))).toBe(!problem);
    });
  });

  describe('Accept-Language', () => {
    it('de: German messages, the same codes, fields and details', async () => {
      const response = await signup({ 'Accept-Language': 'de' });
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      // The DTO author's words count as the default locale's (English): a mixed answer names both.
      expect(response.headers['content-language']).toBe('de, en');
      expect(response.body).toEqual(SIGNUP_DE);
      const english = (await signup()).body as Record<string, unknown>[];
      const withoutMessages = (errors: Record<string, unknown>[]) => errors.map(({ message: _, ...rest }) => rest);
      expect(withoutMessages(response.body)).toEqual(withoutMessages(english));
    });

    it.each([
      ['de-CH', 'de'],
      ['de-CH, en;q=0.5', 'de'],
      ['it, de;q=0.7, en;q=0.3', 'de'],
      ['en;q=0.2, de', 'de'],
      ['EN', 'en'],
      ['it', 'en'],
      ['*', 'en'],
      ['de;q=0', 'en'],
      ['fr', 'fr-FR'],
      ['fr-FR', 'fr-FR'],
      ['de;q=nonsense, ;;;, 12', 'en'],
    ])('Accept-Language: %s -> %s', async (header, locale) => {
      const response = await app.http().get('/orders/7').set('Accept-Language', header);
      expect(response.headers['content-language']).toBe(locale);
      const message = {
        de: 'Keine Bestellung hat die ID 7.',
        en: 'No order has the id 7.',
        'fr-FR': 'Aucune commande n’a l’identifiant 7.',
      }[locale];
      expect(response.body).toEqual([{ message, error_code: '6101', field: null, details: { id: 7 } }]);
    });

    it('falls back to the default locale for what a locale lacks', async () => {
      const response = await app.http().get('/cart/3').set('Accept-Language', 'fr');
      // The message fell back to English, and says so.
      expect(response.headers['content-language']).toBe('en');
      expect(response.body).toEqual([
        { message: 'A cart holds at most 3 items.', error_code: '6102', field: null, details: { max: 3 } },
      ]);
    });

    it('picks the plural form with the locale’s plural rules', async () => {
      const one = await app.http().get('/cart/1').set('Accept-Language', 'de');
      const three = await app.http().get('/cart/3').set('Accept-Language', 'de');
      expect(one.body[0].message).toBe('Ein Warenkorb fasst höchstens 1 Position.');
      expect(three.body[0].message).toBe('Ein Warenkorb fasst höchstens 3 Positionen.');
    });

    it('keeps a message written for the occurrence as written', async () => {
      const response = await app.http().get('/written').set('Accept-Language', 'de');
      // The app's own words are taken to be in its default locale.
      expect(response.headers['content-language']).toBe('en');
      expect(response.body).toEqual([
        { message: 'Coupons cannot be combined.', error_code: '4000', field: 'coupon', details: null },
      ]);
    });

    it('translates parse pipes and domain exceptions of the library', async () => {
      const response = await app.http().get('/orders/abc').set('Accept-Language', 'de');
      expect(response.body).toEqual([
        { message: 'Id muss eine ganze Zahl sein.', error_code: '2023', field: 'id', details: null },
      ]);
    });
  });

  describe('errors answered before any route', () => {
    const problemInGerman = (request: SupertestRequest) =>
      request.set('Accept', 'application/problem+json').set('Accept-Language', 'de');

    const expectProblem = (
      response: { status: number; headers: Record<string, string>; text: string },
      status: number,
      errors: unknown[],
    ) => {
      expect(response.status).toBe(status);
      expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(response.headers['content-language']).toBe('de');
      const body = JSON.parse(response.text) as Record<string, unknown>;
      const requestId = response.headers['x-request-id'];
      expect(body).toEqual({
        type: NO_TYPE,
        title: expect.any(String),
        status,
        detail: (errors[0] as { message: string }).message,
        instance: `urn:uuid:${requestId}`,
        request_id: requestId,
        errors,
      });
    };

    it('an unknown route', async () => {
      const response = await problemInGerman(app.http().get('/nope?token=1'));
      expectProblem(response, 404, [
        {
          message: 'Keine Route passt zu GET /nope.',
          error_code: '1001',
          field: null,
          details: { method: 'GET', path: '/nope' },
        },
      ]);
      expect(JSON.parse(response.text).title).toBe('Keine Route passt zu …');
    });

    it('malformed JSON', async () => {
      const response = await problemInGerman(app.http().post('/echo'))
        .set('Content-Type', 'application/json')
        .send('{"a":');
      expectProblem(response, 400, [
        { message: 'Der Anfragetext ist kein gültiges JSON.', error_code: '1002', field: null, details: null },
      ]);
    });

    it('a body over the limit', async () => {
      const response = await problemInGerman(app.http().post('/echo'))
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ a: 'x'.repeat(2_000_000) }));
      expectProblem(response, 413, [
        {
          message: 'Der Anfragetext ist größer, als der Server annimmt.',
          error_code: '1003',
          field: null,
          details: { limit_bytes: adapter === 'express' ? 102_400 : 1_048_576 },
        },
      ]);
    });

    it("a path the router refuses (Fastify's frameworkErrors)", async () => {
      const response = await problemInGerman(app.http().get('/orders/%E0%A4%A'));
      expectProblem(response, 400, [
        { message: 'Die Anfrage ist fehlerhaft.', error_code: '1008', field: null, details: null },
      ]);
      expect(response.headers.vary).toBe('Accept, Accept-Language');
    });

    it("a request Node's parser refuses: its headers are unreadable, so the array in the default locale", async () => {
      const raw = await rawExchange(
        app,
        'POST /echo HTTP/1.1\r\nHost: x\r\nAccept: application/problem+json\r\nAccept-Language: de\r\nContent-Length: abc\r\n\r\n',
      );
      expect(raw).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      expect(raw).toMatch(/\r\ncontent-type: application\/json; charset=utf-8\r\n/);
      expect(raw).toMatch(/\r\ncontent-language: en\r\n/);
      expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toEqual([
        { message: 'The request is malformed.', error_code: '1008', field: null, details: null },
      ]);
    });
  });

  it('reported the missing French messages once, at start-up', async () => {
    await app.http().get('/cart/2').set('Accept-Language', 'fr');
    expect(logger.warnings).toHaveLength(1);
    // Every library code (its lock lists them) and the app's 6102.
    const missing = Object.keys(LIBRARY_CODE_LOCK).length + 1;
    expect(logger.warnings[0]).toMatch(
      new RegExp(`^Locale fr-FR has no message for ${missing} code\\(s\\), answered in en instead: 1001, `, 'u'),
    );
    expect(logger.warnings[0]).toContain(', 6102.');
  });
});

describe.each(ADAPTERS)('ErrorsModule format and defaultLocale options on %s', (adapter) => {
  it("format 'problem+json' with defaultLocale 'de': Problem Details in German for every request", async () => {
    const app = await createTestApp(adapter, {
      imports: [moduleWith({ format: 'problem+json', defaultLocale: 'de', messages: MESSAGES })],
    });
    try {
      const plain = await app.http().get('/orders/7');
      expect(plain.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(plain.headers['content-language']).toBe('de');
      expect(plain.headers.vary).toBe('Accept-Language');
      expect(JSON.parse(plain.text)).toMatchObject({ status: 404, detail: 'Keine Bestellung hat die ID 7.' });

      const english = await app.http().get('/orders/7').set('Accept', 'application/json').set('Accept-Language', 'en');
      expect(english.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(english.headers['content-language']).toBe('en');
      expect(JSON.parse(english.text)).toMatchObject({ detail: 'No order has the id 7.' });

      const raw = await rawExchange(app, 'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n');
      expect(raw).toMatch(/\r\ncontent-type: application\/problem\+json; charset=utf-8\r\n/);
      expect(raw).toMatch(/\r\ncontent-language: de\r\n/);
      expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toMatchObject({
        type: NO_TYPE,
        status: 400,
        detail: 'Die Anfrage ist fehlerhaft.',
        errors: [{ message: 'Die Anfrage ist fehlerhaft.', error_code: '1008', field: null, details: null }],
      });
    } finally {
      await app.close();
    }
  });

  it("format 'array' and a problemTypeBase: the array whatever Accept says", async () => {
    const app = await createTestApp(adapter, {
      imports: [moduleWith({ format: 'array', problemTypeBase: 'https://api.example.com/problems/' })],
    });
    try {
      const response = await app.http().get('/orders/7').set('Accept', 'application/problem+json');
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(response.headers.vary).toBe('Accept-Language');
      expect(response.body).toEqual([
        { message: 'No order has the id 7.', error_code: '6101', field: null, details: { id: 7 } },
      ]);
    } finally {
      await app.close();
    }
  });

  it('problemTypeBase makes the type URI', async () => {
    const app = await createTestApp(adapter, {
      imports: [moduleWith({ problemTypeBase: 'https://api.example.com/problems/' })],
    });
    try {
      const response = await app.http().get('/orders/7').set('Accept', 'application/problem+json');
      expect(JSON.parse(response.text).type).toBe('https://api.example.com/problems/6101');
    } finally {
      await app.close();
    }
  });
});

describe.each(ADAPTERS)('the headerLimits option on %s', (adapter) => {
  const ORDER_7_EN = [{ message: 'No order has the id 7.', error_code: '6101', field: null, details: { id: 7 } }];
  const ORDER_7_DE = [
    { message: 'Keine Bestellung hat die ID 7.', error_code: '6101', field: null, details: { id: 7 } },
  ];
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp(adapter, {
      imports: [
        moduleWith({
          messages: MESSAGES,
          headerLimits: { accept: { maxRanges: 2 }, acceptLanguage: { maxRanges: 2, maxSubtags: 2 } },
        }),
      ],
    });
  });

  afterAll(() => app.close());

  it("reads Accept-Language ranges up to the app's maxRanges, and no further", async () => {
    const within = await app.http().get('/orders/7').set('Accept-Language', 'xx, de');
    expect(within.status).toBe(404);
    expect(within.headers['content-language']).toBe('de');
    expect(within.body).toEqual(ORDER_7_DE);
    // `de` is the third range: past this app's limit (the default reads 32), so the default language.
    const past = await app.http().get('/orders/7').set('Accept-Language', 'xx, yy, de');
    expect(past.status).toBe(404);
    expect(past.headers['content-language']).toBe('en');
    expect(past.headers['x-request-id']).toEqual(expect.any(String));
    expect(past.body).toEqual(ORDER_7_EN);
  });

  it("skips a language range with more subtags than the app's maxSubtags", async () => {
    const response = await app.http().get('/orders/7').set('Accept-Language', 'de-CH-1996');
    expect(response.headers['content-language']).toBe('en');
    expect(response.body).toEqual(ORDER_7_EN);
    const shorter = await app.http().get('/orders/7').set('Accept-Language', 'de-CH');
    expect(shorter.body).toEqual(ORDER_7_DE);
  });

  it("reads Accept ranges up to the app's maxRanges: problem+json named third is not read", async () => {
    const within = await app.http().get('/orders/7').set('Accept', 'text/html, application/problem+json');
    expect(within.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(JSON.parse(within.text)).toMatchObject({ status: 404, errors: ORDER_7_EN });
    const past = await app.http().get('/orders/7').set('Accept', 'text/html, text/plain, application/problem+json');
    expect(past.status).toBe(404);
    expect(past.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(past.body).toEqual(ORDER_7_EN);
  });
});

describe('ErrorsModule start-up with bad negotiation options', () => {
  it.each([
    [{ format: 'xml' as never }, 'ErrorsModule option format is "xml"; use one of negotiate, array, problem+json.'],
    [{ defaultLocale: 'not a tag' }, '"not a tag" is not a BCP 47 language tag (such as en, de or de-CH).'],
    [{ messages: { 'de_DE!': {} } }, '"de_DE!" is not a BCP 47 language tag (such as en, de or de-CH).'],
    [
      { headerLimits: { acceptLanguage: { maxRanges: 0 } } },
      'ErrorsModule option headerLimits.acceptLanguage.maxRanges is 0; use a positive integer.',
    ],
  ])('fails on %j', async (options, message) => {
    await expect(
      Test.createTestingModule({ imports: [ErrorsModule.forRoot({ database: false, ...options })] }).compile(),
    ).rejects.toThrow(message);
  });
});
