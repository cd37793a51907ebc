import 'reflect-metadata';
import { Body, Controller, Get, INestApplication, Module, Param, Post, Query, UsePipes } from '@nestjs/common';
import { ParseIntPipe as NestParseIntPipe } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  MinLength,
  ValidateNested,
  ValidationArguments,
  ValidationOptions,
  registerDecorator,
} from 'class-validator';
import {
  ContractValidationPipeOptions,
  ErrorsModule,
  ContractParseArrayPipe,
  ContractParseBoolPipe,
  ContractParseDatePipe,
  ContractParseEnumPipe,
  ContractParseFloatPipe,
  ContractParseIntPipe,
  ContractParseUUIDPipe,
  ContractValidationPipe,
  defineErrorCode,
} from 'nest-error-contract';
import { ADAPTERS, AdapterName, TestApp, createTestApp, expectContract } from '../../../test/support/test-app.js';

// --- DTOs ---------------------------------------------------------------------------

const SLUG_INVALID = defineErrorCode('6101', 'SLUG_INVALID', 400, '{field} must be a slug.', {
  details: '{ pattern: string }',
});

/** A custom decorator that brings its own code through `context`. */
function IsSlug(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isSlug',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { context: { errorCode: SLUG_INVALID, details: { pattern: '^[a-z0-9-]+$' } }, ...options },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && /^[a-z0-9-]+$/.test(value),
        defaultMessage: (args?: ValidationArguments) => `${args?.property} must be a slug`,
      },
    });
}

/** A custom decorator without a code: falls back to INVALID_VALUE (2000). */
function IsEven(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isEven',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: { validate: (value: unknown) => typeof value === 'number' && value % 2 === 0 },
    });
}

class LinkDto {
  @IsString()
  @MinLength(3)
  label!: string;

  @IsString()
  @Length(8, 200, { message: 'Give a full URL, like https://example.com!' })
  url!: string;
}

class ProfileDto {
  @IsOptional()
  @IsString()
  website?: string;

  @ValidateNested({ each: true })
  @Type(() => LinkDto)
  @ArrayMaxSize(2)
  links!: LinkDto[];
}

class CreateUserDto {
  @IsEmail()
  @IsNotEmpty()
  email!: string;

  @IsString()
  @MinLength(3)
  @IsSlug()
  username!: string;

  @IsIn(['admin', 'member'])
  role!: string;

  @IsOptional()
  @IsEven({ message: 'Pick an even number' })
  luckyNumber?: number;

  @ValidateNested()
  @Type(() => ProfileDto)
  profile!: ProfileDto;
}

class TagDto {
  @IsString()
  name!: string;
}

class TaggedDto {
  @ValidateNested({ each: true })
  @Type(() => TagDto)
  tags!: Map<string, TagDto>;
}

class ItemDto {
  @IsInt()
  id!: number;
}

class BulkDto {
  @ValidateNested({ each: true })
  @Type(() => ItemDto)
  items!: ItemDto[];
}

class TreeDto {
  @IsOptional()
  @ValidateNested()
  @Type(() => TreeDto)
  child?: TreeDto;

  @IsOptional()
  @IsString()
  name?: string;
}

class ListQueryDto {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page!: number;

  @IsOptional()
  @Type(() => Number)
  @Max(50)
  limit?: number;
}

enum Color {
  Red = 'red',
  Blue = 'blue',
}

// --- App ----------------------------------------------------------------------------

@Controller()
class UsersController {
  @Post('users')
  create(@Body() body: CreateUserDto) {
    return { created: body.email };
  }

  @Post('tagged')
  tagged(@Body() body: TaggedDto) {
    return { ok: body instanceof Object };
  }

  @Post('bulk')
  bulk(@Body() body: BulkDto) {
    return { count: body.items.length };
  }

  @Post('tree')
  tree(@Body() body: TreeDto) {
    return { ok: body instanceof Object };
  }

  @Get('users')
  list(@Query() query: ListQueryDto) {
    return { page: query.page };
  }
}

@Controller('parse')
class ParseController {
  @Get('int/:id') int(@Param('id', ContractParseIntPipe) id: number) {
    return { id };
  }
  @Get('float') float(@Query('ratio', ContractParseFloatPipe) ratio: number) {
    return { ratio };
  }
  @Get('bool') bool(@Query('active', ContractParseBoolPipe) active: boolean) {
    return { active };
  }
  @Get('uuid/:id') uuid(@Param('id', new ContractParseUUIDPipe({ version: '4' })) id: string) {
    return { id };
  }
  @Get('enum') enumerated(@Query('color', new ContractParseEnumPipe(Color)) color: Color) {
    return { color };
  }
  @Get('array') array(@Query('ids', new ContractParseArrayPipe({ items: Number })) ids: number[]) {
    return { ids };
  }
  @Get('date') date(@Query('since', new ContractParseDatePipe()) since: Date) {
    return { since };
  }
  @Get('stock/:id') stock(@Param('id', NestParseIntPipe) id: number) {
    return { id };
  }
}

type PipeMode = 'useGlobalPipes' | 'APP_PIPE' | 'route';
const PIPE_OPTIONS: ContractValidationPipeOptions = { whitelist: true, forbidNonWhitelisted: true };

function controllersFor(mode: PipeMode, options: ContractValidationPipeOptions) {
  if (mode !== 'route') return [UsersController, ParseController];
  // The same controllers, with the pipe on the route instead of globally.
  @UsePipes(new ContractValidationPipe(options))
  @Controller()
  class RouteUsersController extends UsersController {}
  return [RouteUsersController, ParseController];
}

async function startApp(
  adapter: AdapterName,
  mode: PipeMode,
  options: ContractValidationPipeOptions,
): Promise<TestApp> {
  @Module({
    imports: [ErrorsModule.forRoot({ database: false, codes: [SLUG_INVALID] })],
    controllers: controllersFor(mode, options),
    providers: mode === 'APP_PIPE' ? [{ provide: APP_PIPE, useValue: new ContractValidationPipe(options) }] : [],
  })
  class AppModule {}
  const configure =
    mode === 'useGlobalPipes'
      ? (app: INestApplication) => void app.useGlobalPipes(new ContractValidationPipe(options))
      : undefined;
  return createTestApp(adapter, { imports: [AppModule] }, { configure });
}

const validUser = {
  email: 'ada@example.com',
  username: 'ada-l',
  role: 'admin',
  profile: { website: 'https://ada.dev', links: [{ label: 'blog', url: 'https://ada.dev/blog' }] },
};

const invalidUser = {
  email: 'not-an-email',
  username: 'A!',
  role: 'owner',
  luckyNumber: 3,
  isAdmin: true,
  profile: {
    website: 42,
    links: [
      { label: 'ok-label', url: 'https://fine.example' },
      { label: 'x', url: 'short', tracking: 'abc' },
      { label: 'third', url: 'https://third.example' },
    ],
  },
};

/** The exact answer to invalidUser: one object per (field path, rule), in class-validator's order. */
const invalidUserErrors = [
  { message: 'Property isAdmin should not exist.', error_code: '2002', field: 'isAdmin', details: null },
  { message: 'Email must be an email.', error_code: '2056', field: 'email', details: null },
  { message: 'Username must be a slug.', error_code: '6101', field: 'username', details: { pattern: '^[a-z0-9-]+$' } },
  {
    message: 'Username must be longer than or equal to 3 characters.',
    error_code: '2050',
    field: 'username',
    details: { min: 3 },
  },
  {
    message: 'Role must be one of the following values: admin, member.',
    error_code: '2015',
    field: 'role',
    details: { allowed: ['admin', 'member'] },
  },
  { message: 'Pick an even number.', error_code: '2000', field: 'luckyNumber', details: null },
  { message: 'Website must be a string.', error_code: '2024', field: 'profile.website', details: null },
  {
    message: 'Links must contain no more than 2 elements.',
    error_code: '2101',
    field: 'profile.links',
    details: { max: 2 },
  },
  {
    message: 'Property tracking should not exist.',
    error_code: '2002',
    field: 'profile.links.1.tracking',
    details: null,
  },
  {
    message: 'Label must be longer than or equal to 3 characters.',
    error_code: '2050',
    field: 'profile.links.1.label',
    details: { min: 3 },
  },
  {
    message: 'Give a full URL, like https://example.com!.',
    error_code: '2052',
    field: 'profile.links.1.url',
    details: { min: 8, max: 200 },
  },
];

describe.each(ADAPTERS)('validation on %s', (adapter) => {
  describe.each([
    ['useGlobalPipes', false],
    ['APP_PIPE', true],
    ['route', false],
    ['route', true],
  ] as const)('pipe installed with %s, transform %s', (mode, transform) => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startApp(adapter, mode, { ...PIPE_OPTIONS, transform });
    });
    afterAll(() => app.close());

    it('accepts a valid DTO', async () => {
      const response = await app.http().post('/users').send(validUser);
      expect(response.status).toBe(201);
      expect(response.body).toEqual({ created: 'ada@example.com' });
    });

    it('answers one object per violated rule of each field, nested and in lists', async () => {
      const response = await app.http().post('/users').send(invalidUser);
      expect(response.status).toBe(400);
      expect(expectContract(response)).toEqual(invalidUserErrors);
    });

    it('names query parameters', async () => {
      const response = await app.http().get('/users?page=0&limit=99&debug=1');
      expect(response.status).toBe(400);
      expect(expectContract(response)).toEqual([
        { message: 'Property debug should not exist.', error_code: '2002', field: 'debug', details: null },
        { message: 'Page must not be less than 1.', error_code: '2043', field: 'page', details: { min: 1 } },
        { message: 'Limit must not be greater than 50.', error_code: '2044', field: 'limit', details: { max: 50 } },
      ]);
    });
  });

  describe('with the global pipe', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startApp(adapter, 'useGlobalPipes', { ...PIPE_OPTIONS, maxErrors: 5 });
    });
    afterAll(() => app.close());

    it('paths into maps by key', async () => {
      const response = await app
        .http()
        .post('/tagged')
        .send({ tags: { first: { name: 'ok' }, second: { name: 7 } } });
      expect(response.status).toBe(400);
      expect(expectContract(response)).toEqual([
        { message: 'Name must be a string.', error_code: '2024', field: 'tags.second.name', details: null },
      ]);
    });

    it.each([
      ['an array', '[{"email":"ada@example.com"}]'],
      ['a string', '"ada@example.com"'],
      ['a number', '42'],
      ['null', 'null'],
      ['an empty body', ''],
      ['no body at all', undefined],
    ])('answers one 400 with field null for %s as the body', async (_shape, body) => {
      const request = app.http().post('/users');
      const response =
        body === undefined ? await request : await request.set('content-type', 'application/json').send(body);
      expect(response.status).toBe(400);
      const errors = expectContract(response);
      expect(errors).toHaveLength(1);
      expect(errors[0].field).toBeNull();
      // The pipe's own code, or the request code when the JSON parser refused the body first
      // (Express parses strictly: only objects and arrays; an empty JSON body is a request error).
      expect(['2001', '1002', '1007', '1008']).toContain(errors[0].error_code);
    });

    it('answers BODY_NOT_OBJECT exactly when the body parses to a non-object', async () => {
      const response = await app.http().post('/users').send([validUser]);
      expect(response.status).toBe(400);
      expect(expectContract(response)).toEqual([
        { message: 'The request body must be a JSON object.', error_code: '2001', field: null, details: null },
      ]);
    });

    it('caps the answer and says how many were left out', async () => {
      const items = Array.from({ length: 20 }, () => ({ id: 'x' }));
      const response = await app.http().post('/bulk').send({ items });
      expect(response.status).toBe(400);
      expect(expectContract(response)).toEqual([
        { message: 'Id must be an integer number.', error_code: '2023', field: 'items.0.id', details: null },
        { message: 'Id must be an integer number.', error_code: '2023', field: 'items.1.id', details: null },
        { message: 'Id must be an integer number.', error_code: '2023', field: 'items.2.id', details: null },
        { message: 'Id must be an integer number.', error_code: '2023', field: 'items.3.id', details: null },
        {
          message: '16 more validation errors were left out.',
          error_code: '2003',
          field: null,
          details: { omitted: 16, max_errors: 5 },
        },
      ]);
    });

    it('answers a body nested deeper than validation can go with one 400, not a 500', async () => {
      const depth = 10_000;
      const body = '{"child":'.repeat(depth) + '{"name":5}' + '}'.repeat(depth);
      const started = Date.now();
      const response = await app.http().post('/tree').set('content-type', 'application/json').send(body);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(response.status).toBe(400);
      expect(expectContract(response)).toEqual([
        {
          message: 'The request is nested too deeply to be validated.',
          error_code: '2004',
          field: null,
          details: null,
        },
      ]);
    });

    it('reports a violation deep inside a nested body with its full path', async () => {
      const depth = 200;
      const body = '{"child":'.repeat(depth) + '{"name":5}' + '}'.repeat(depth);
      const response = await app.http().post('/tree').set('content-type', 'application/json').send(body);
      expect(response.status).toBe(400);
      expect(expectContract(response)).toEqual([
        {
          message: 'Name must be a string.',
          error_code: '2024',
          field: `${'child.'.repeat(depth)}name`,
          details: null,
        },
      ]);
    });

    it.each([
      [
        'ContractParseIntPipe',
        '/parse/int/abc',
        { message: 'Id must be an integer number.', error_code: '2023', field: 'id', details: null },
      ],
      [
        'ContractParseFloatPipe',
        '/parse/float?ratio=half',
        {
          message: 'Ratio must be a number conforming to the specified constraints.',
          error_code: '2022',
          field: 'ratio',
          details: null,
        },
      ],
      [
        'ContractParseFloatPipe (missing)',
        '/parse/float',
        { message: 'Ratio should not be null or undefined.', error_code: '2010', field: 'ratio', details: null },
      ],
      [
        'ContractParseBoolPipe',
        '/parse/bool?active=yes',
        { message: 'Active must be a boolean value.', error_code: '2020', field: 'active', details: null },
      ],
      [
        'ContractParseUUIDPipe',
        '/parse/uuid/123',
        { message: 'Id must be a UUID.', error_code: '2058', field: 'id', details: { version: '4' } },
      ],
      [
        'ContractParseEnumPipe',
        '/parse/enum?color=green',
        {
          message: 'Color must be one of the following values: red, blue.',
          error_code: '2017',
          field: 'color',
          details: { allowed: ['red', 'blue'] },
        },
      ],
      [
        'ContractParseArrayPipe',
        '/parse/array?ids=1,two',
        { message: 'Ids contains an item that is not valid.', error_code: '2106', field: 'ids', details: null },
      ],
      [
        'ContractParseDatePipe',
        '/parse/date?since=yesterday',
        { message: 'Since must be a Date instance.', error_code: '2021', field: 'since', details: null },
      ],
    ])('names the parameter when %s fails', async (_pipe, url, expected) => {
      const response = await app.http().get(url);
      expect(response.status).toBe(400);
      expect(expectContract(response)).toEqual([expected]);
    });

    it('answers in the contract even for an un-wrapped Nest parse pipe', async () => {
      const response = await app.http().get('/parse/stock/abc');
      expect(response.status).toBe(400);
      const [error] = expectContract(response);
      expect(error.field).toBeNull();
    });

    it('lets the parse pipes pass valid values', async () => {
      expect((await app.http().get('/parse/int/12')).body).toEqual({ id: 12 });
      expect((await app.http().get('/parse/array?ids=1,2')).body).toEqual({ ids: [1, 2] });
      expect((await app.http().get('/parse/enum?color=red')).body).toEqual({ color: 'red' });
    });
  });
});
