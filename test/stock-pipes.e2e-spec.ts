import 'reflect-metadata';
import {
  Body,
  Controller,
  Module,
  ParseArrayPipe,
  Post,
  StandardSchemaValidationPipe,
  UsePipes,
  ValidationPipe,
} from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsEmail, IsString, MinLength, ValidateNested } from 'class-validator';
import { ErrorsModule } from 'nest-error-contract';
import { z } from 'zod';
import { ADAPTERS, TestApp, createTestApp, expectContract } from './support/test-app';

// What an app gets from NestJS 12's own pipes, without the library's: each answered as
// well as Nest's exception allows (docs/standard-schema.md has the table).

class LinkDto {
  @IsString() @MinLength(5) url!: string;
}

class ProfileDto {
  @ValidateNested({ each: true }) @Type(() => LinkDto) links!: LinkDto[];
}

class UserDto {
  @IsEmail() email!: string;
  @ValidateNested() @Type(() => ProfileDto) profile!: ProfileDto;
}

class ItemDto {
  @IsString() name!: string;
}

const userSchema = z.object({ email: z.email(), profile: z.object({ links: z.array(z.object({ url: z.url() })) }) });

@Controller('stock')
class StockController {
  @Post('grouped')
  grouped(@Body(new ValidationPipe({ errorFormat: 'grouped' })) user: UserDto) {
    return user;
  }

  @Post('schema')
  @UsePipes(new StandardSchemaValidationPipe())
  schema(@Body({ schema: userSchema }) user: unknown) {
    return user;
  }

  @Post('array')
  array(
    @Body(new ParseArrayPipe({ items: ItemDto, errorFormat: 'grouped', stopAtFirstError: false })) items: ItemDto[],
  ) {
    return items;
  }
}

@Module({ imports: [ErrorsModule.forRoot()], controllers: [StockController] })
class StockModule {}

describe.each(ADAPTERS)("NestJS 12's stock pipes (%s)", (adapter) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(adapter, { imports: [StockModule] });
  });
  afterAll(() => app.close());

  const invalidUser = { email: 'nope', profile: { links: [{ url: 'https://example.com' }, { url: 'x' }] } };

  it("ValidationPipe({ errorFormat: 'grouped' }): one error per message, under its path", async () => {
    const response = await app.http().post('/stock/grouped').send(invalidUser).expect(400);
    expect(expectContract(response)).toEqual([
      { message: 'Email must be an email.', error_code: '1400', field: 'email', details: null },
      {
        message: 'Url must be longer than or equal to 5 characters.',
        error_code: '1400',
        field: 'profile.links.1.url',
        details: null,
      },
    ]);
  });

  it('StandardSchemaValidationPipe without a factory: the path is only in the message', async () => {
    const response = await app.http().post('/stock/schema').send(invalidUser).expect(400);
    expect(expectContract(response)).toEqual([
      // Nest glues the path into the message; which part is a path cannot be told for sure
      { message: 'Email: Invalid email address.', error_code: '1400', field: null, details: null },
      { message: 'Profile.links.1.url: Invalid URL.', error_code: '1400', field: null, details: null },
    ]);
  });

  it('ParseArrayPipe: the item index and path are only in the message', async () => {
    const response = await app
      .http()
      .post('/stock/array')
      .send([{ name: 'a' }, { name: 1 }])
      .expect(400);
    expect(expectContract(response)).toEqual([
      { message: '[1] name: name must be a string.', error_code: '1400', field: null, details: null },
    ]);
  });
});
