import 'reflect-metadata';
import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { Type } from 'class-transformer';
import { IsEmail, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';
import {
  ErrorsModule,
  NotFoundError,
  ContractParseIntPipe,
  ContractValidationPipe,
  defineErrorCode,
} from 'nest-error-contract';
import { ADAPTERS, TestApp, createTestApp } from '../../../test/support/test-app.js';

/**
 * Content-Language names the languages the messages are really in, and a Problem
 * Details title sums up the problem type in words: an app code without a German message
 * answers in English under `Content-Language: en`, even to `Accept-Language: de`; the
 * default message class-validator hands `@ValidateNested` is translated like any other.
 */
const USER_NOT_FOUND = defineErrorCode('6001', 'USER_NOT_FOUND', 404, 'No user has the id {id}.', {
  details: '{ id: number }',
});

class ProfileDto {
  @IsString() bio!: string;
}

class CreateUserDto {
  @IsEmail() email!: string;

  @IsOptional()
  @Matches(/^[a-z]+$/u, { message: 'Slug must be lower case' })
  slug?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => ProfileDto)
  profile?: ProfileDto;
}

@Controller('users')
class UsersController {
  @Post()
  create(@Body() dto: CreateUserDto) {
    return dto;
  }

  @Get(':id')
  find(@Param('id', ContractParseIntPipe) id: number): never {
    throw new NotFoundError('user', { code: USER_NOT_FOUND, details: { id } });
  }
}

const NOT_AN_EMAIL = { message: 'Email must be an email.', error_code: '2056', field: 'email', details: null };
const KEIN_EMAIL = {
  message: 'Email muss eine E-Mail-Adresse sein.',
  error_code: '2056',
  field: 'email',
  details: null,
};

describe.each(ADAPTERS)('Content-Language and Problem Details titles on %s', (adapter) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(adapter, {
      imports: [ErrorsModule.forRoot({ codes: [USER_NOT_FOUND], database: false })],
      controllers: [UsersController],
      providers: [{ provide: APP_PIPE, useFactory: () => new ContractValidationPipe() }],
    });
  });
  afterAll(() => app?.close());

  const answer = (response: { status: number; headers: Record<string, string>; text: string }) => ({
    status: response.status,
    contentLanguage: response.headers['content-language'],
    contentType: response.headers['content-type'],
    body: JSON.parse(response.text) as unknown,
  });

  it('names English for an app code that has no German message, though German was asked', async () => {
    const response = await app.http().get('/users/7').set('Accept-Language', 'de');
    expect(answer(response)).toEqual({
      status: 404,
      contentLanguage: 'en',
      contentType: 'application/json; charset=utf-8',
      body: [{ message: 'No user has the id 7.', error_code: '6001', field: null, details: { id: 7 } }],
    });
  });

  it('translates the message class-validator gives @ValidateNested, and names German', async () => {
    const response = await app.http().post('/users').set('Accept-Language', 'de').send({ email: 'x', profile: 'none' });
    expect(answer(response)).toEqual({
      status: 400,
      contentLanguage: 'de',
      contentType: 'application/json; charset=utf-8',
      body: [
        KEIN_EMAIL,
        {
          message: 'Die verschachtelte Eigenschaft profile muss ein Objekt oder ein Array sein.',
          error_code: '2029',
          field: 'profile',
          details: null,
        },
      ],
    });
  });

  it('answers @ValidateNested from the catalogue template in English', async () => {
    const response = await app.http().post('/users').send({ email: 'x', profile: 'none' });
    expect(answer(response)).toEqual({
      status: 400,
      contentLanguage: 'en',
      contentType: 'application/json; charset=utf-8',
      body: [
        NOT_AN_EMAIL,
        {
          message: 'Nested property profile must be either object or array.',
          error_code: '2029',
          field: 'profile',
          details: null,
        },
      ],
    });
  });

  it('names every language of a mixed answer, in order: a DTO author’s words count as the default locale’s', async () => {
    const response = await app.http().post('/users').set('Accept-Language', 'de').send({ email: 'x', slug: 'ABC' });
    expect(answer(response)).toEqual({
      status: 400,
      contentLanguage: 'de, en',
      contentType: 'application/json; charset=utf-8',
      body: [
        KEIN_EMAIL,
        { message: 'Slug must be lower case.', error_code: '2053', field: 'slug', details: { pattern: '^[a-z]+$' } },
      ],
    });
  });

  it('titles a problem with its summary in words, and says when there are more', async () => {
    const several = await app
      .http()
      .post('/users')
      .set('Accept', 'application/problem+json')
      .set('Accept-Language', 'de')
      .set('X-Request-Id', 'req-1')
      .send({ email: 'x', profile: 'none' });
    expect(answer(several)).toEqual({
      status: 400,
      contentLanguage: 'de',
      contentType: 'application/problem+json; charset=utf-8',
      body: {
        type: 'about:blank',
        title: '… muss eine E-Mail-Adresse sein. (und 1 weiteres Problem)',
        status: 400,
        detail: KEIN_EMAIL.message,
        request_id: 'req-1',
        errors: [KEIN_EMAIL, expect.objectContaining({ error_code: '2029' })],
      },
    });

    const one = await app
      .http()
      .get('/users/7')
      .set('Accept', 'application/problem+json')
      .set('Accept-Language', 'de')
      .set('X-Request-Id', 'req-2');
    expect(answer(one)).toEqual({
      status: 404,
      contentLanguage: 'en',
      contentType: 'application/problem+json; charset=utf-8',
      body: {
        type: 'about:blank',
        title: 'No user has the id …',
        status: 404,
        detail: 'No user has the id 7.',
        request_id: 'req-2',
        errors: [{ message: 'No user has the id 7.', error_code: '6001', field: null, details: { id: 7 } }],
      },
    });
  });
});
