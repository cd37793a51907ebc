import {
  Body,
  ConflictException,
  Controller,
  DynamicModule,
  Get,
  HttpCode,
  Inject,
  Injectable,
  LoggerService,
  Module,
  NotFoundException,
  Param,
  PipeTransform,
  Post,
  StandardSchemaValidationPipe,
  ValidationPipe,
} from '@nestjs/common';
import { IsEmail, IsIn, IsInt, IsString, IsUrl, Length, Max, Min } from 'class-validator';
import { Column, DataSource, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import {
  ConflictError,
  ErrorsModule,
  ErrorsModuleOptions,
  NotFoundError,
  ContractStandardSchemaPipe,
  ContractValidationPipe,
} from 'nest-error-contract';
import { z } from 'zod';

/**
 * The apps under test. "ours" and "stock" share the DTO, the controllers, the routes and
 * the bodies; they differ only in what the issue compares: ErrorsModule.forRoot + the
 * library's validation pipe versus Nest's `new ValidationPipe()` + its default filter.
 */

/**
 * Servers write nothing during the bench, but both sides pay what a real logger pays to
 * format an error: stock Nest hands its logger the Error object and lets the logger
 * render the stack, the library renders the stack into its log line itself. A logger
 * that dropped everything unread would bill only the library for that work.
 */
export class SilentLogger implements LoggerService {
  /** Keeps the formatted text reachable so the engine cannot skip the formatting. */
  static lastLength = 0;
  log(): void {}
  error(...messages: unknown[]): void {
    let length = 0;
    for (const message of messages)
      length += (message instanceof Error ? String(message.stack) : String(message)).length;
    SilentLogger.lastLength = length;
  }
  warn(): void {}
  debug(): void {}
  verbose(): void {}
  fatal(): void {}
}

export class CreateUserDto {
  @IsString()
  @Length(3, 30)
  username!: string;

  @IsEmail()
  email!: string;

  @IsInt()
  @Min(13)
  @Max(130)
  age!: number;

  @IsUrl()
  website!: string;

  @IsIn(['user', 'admin'])
  role!: string;
}

/** Scenario 1: 201. */
export const VALID_BODY = JSON.stringify({
  username: 'alice',
  email: 'alice@example.com',
  age: 30,
  website: 'https://example.com',
  role: 'user',
});

/** Scenario 2: exactly one violated rule on each of the five fields -> 400 with five errors. */
export const INVALID_BODY = JSON.stringify({
  username: 'x',
  email: 'not-an-email',
  age: 7,
  website: 'not a url',
  role: 'god',
});

/**
 * Seven violations: one rule on each of four fields, and all three rules of `age`
 * (`"old"` is not an integer, and compares as neither >= 13 nor <= 130).
 */
export const SEVEN_VIOLATIONS_BODY = JSON.stringify({
  username: 'x',
  email: 'not-an-email',
  age: 'old',
  website: 'not a url',
  role: 'god',
});

/** A body the JSON parser refuses. */
export const MALFORMED_JSON_BODY = '{"username": "alice", "email": ';

/**
 * What the service throws when a user does not exist or a name is taken, written the
 * way each side's documentation tells a user: Nest's HttpExceptions for stock, the
 * library's framework-free domain errors for ours.
 */
export interface BenchUsersService {
  find(id: string): { id: string };
  rename(id: string, username: string): { id: string };
}

export const USERS_SERVICE = Symbol('USERS_SERVICE');

@Injectable()
export class StockUsersService implements BenchUsersService {
  find(id: string): never {
    throw new NotFoundException(`User ${id} not found`);
  }
  rename(_id: string, username: string): never {
    throw new ConflictException(`The username ${username} is already taken`);
  }
}

@Injectable()
export class OurUsersService implements BenchUsersService {
  find(): never {
    throw new NotFoundError('user');
  }
  rename(): never {
    throw new ConflictError('user', { field: 'username' });
  }
}

@Controller()
export class BenchController {
  constructor(@Inject(USERS_SERVICE) private readonly users: BenchUsersService) {}

  @Post('users')
  @HttpCode(201)
  create(@Body() dto: CreateUserDto) {
    return { id: 1, username: dto.username };
  }

  /** A service that does not find the record. */
  @Get('users/:id')
  find(@Param('id') id: string) {
    return this.users.find(id);
  }

  /** A service that finds the new name taken (a domain conflict). */
  @Post('users/:id/rename')
  @HttpCode(200)
  rename(@Param('id') id: string) {
    return this.users.rename(id, 'taken');
  }

  /** Scenario 4: an unexpected error (a bug): a real TypeError, raised by the engine in a handler. */
  @Get('boom')
  boom(): string {
    const missing = (globalThis as { benchMissingUser?: { name: string } }).benchMissingUser;
    return missing!.name;
  }
}

/** The user of CreateUserDto as a zod schema, validated through `@Body({ schema })` (NestJS 12's own way). */
export const ZOD_USER = z.strictObject({
  username: z.string().min(3).max(30),
  email: z.email(),
  age: z.number().int().min(13).max(130),
  website: z.url(),
  role: z.enum(['user', 'admin']),
});

/**
 * Meant as seven issues, but zod 4 reports six: one on each of the five fields and one
 * unknown key (a failed `.int()` ends the checks of `age`, so 7.5 is not also reported
 * as below 13). Both sides answer the same six; the path keeps its name until the body
 * is changed between two measured rounds, not during one.
 */
export const ZOD_SEVEN_VIOLATIONS_BODY = JSON.stringify({
  username: 'x',
  email: 'not-an-email',
  age: 7.5,
  website: 'not a url',
  role: 'god',
  nickname: 'al',
});

/**
 * The zod route, with each side's Standard Schema pipe on the parameter only (a global
 * one would be called for every parameter of every other path too): the library's
 * versus Nest's StandardSchemaValidationPipe with its default exception factory.
 */
@Controller('zod')
export class OursZodController {
  @Post('users')
  @HttpCode(201)
  create(@Body({ schema: ZOD_USER, pipes: [new ContractStandardSchemaPipe()] }) user: z.infer<typeof ZOD_USER>) {
    return { id: 1, username: user.username };
  }
}

@Controller('zod')
export class StockZodController {
  @Post('users')
  @HttpCode(201)
  create(@Body({ schema: ZOD_USER, pipes: [new StandardSchemaValidationPipe()] }) user: z.infer<typeof ZOD_USER>) {
    return { id: 1, username: user.username };
  }
}

/** The users table of the sample app, as far as the DB scenarios need it. */
@Entity({ name: 'users' })
@Unique('users_email_key', ['email'])
export class BenchUser {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 30 })
  username!: string;

  @Column({ type: 'varchar', length: 254 })
  email!: string;
}

/** Created after TypeORM synchronises: TypeORM cannot declare an index on an expression. */
export const USERS_SETUP_SQL = ['CREATE UNIQUE INDEX username_unique_lowercase ON users (lower(username))'];

/** The row every DB-scenario request collides with. */
export const TAKEN_USER = { username: 'taken', email: 'taken@example.com' };

/** Scenario 5: the username differs from the taken one only in case (the index is on lower(username)). */
export const DUPLICATE_BODY = JSON.stringify({ username: 'Taken', email: 'someone-else@example.com' });

export class CreateDbUserDto {
  @IsString()
  @Length(3, 30)
  username!: string;

  @IsEmail()
  email!: string;
}

@Controller('db')
export class BenchDbController {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @Post('users')
  @HttpCode(201)
  async create(@Body() dto: CreateDbUserDto) {
    const result = await this.dataSource.getRepository(BenchUser).insert({ username: dto.username, email: dto.email });
    return { id: (result.identifiers[0] as { id: number }).id, username: dto.username };
  }
}

export type Variant = 'ours' | 'stock';

export interface BenchModuleOptions {
  variant: Variant;
  logger: LoggerService;
  /** The DB scenario set: an initialised DataSource with the users table. */
  dataSource?: DataSource;
  /** For ours: ErrorsModule options beside the defaults (to measure an opt-out). */
  errorsOptions?: ErrorsModuleOptions;
}

@Module({})
export class BenchModule {
  static register(options: BenchModuleOptions): DynamicModule {
    const imports =
      options.variant === 'ours'
        ? [
            ErrorsModule.forRoot({
              logger: options.logger,
              // The sample app's registry entry for its expression index.
              database: options.dataSource
                ? { constraints: { username_unique_lowercase: { field: 'username' } } }
                : false,
              ...options.errorsOptions,
            }),
          ]
        : [];
    const service = {
      provide: USERS_SERVICE,
      useClass: options.variant === 'ours' ? OurUsersService : StockUsersService,
    };
    return {
      module: BenchModule,
      imports,
      controllers: [
        BenchController,
        options.variant === 'ours' ? OursZodController : StockZodController,
        ...(options.dataSource ? [BenchDbController] : []),
      ],
      providers: options.dataSource ? [service, { provide: DataSource, useValue: options.dataSource }] : [service],
    };
  }
}

/** The global pipe each variant installs. */
export function pipeFor(variant: Variant): PipeTransform {
  return variant === 'ours' ? new ContractValidationPipe() : new ValidationPipe();
}
