import {
  ArgumentMetadata,
  Injectable,
  Optional,
  ParseArrayPipe as NestParseArrayPipe,
  ParseArrayPipeOptions,
  ParseBoolPipe as NestParseBoolPipe,
  ParseBoolPipeOptions,
  ParseDatePipe as NestParseDatePipe,
  ParseDatePipeOptions,
  ParseEnumPipe as NestParseEnumPipe,
  ParseEnumPipeOptions,
  ParseFloatPipe as NestParseFloatPipe,
  ParseFloatPipeOptions,
  ParseIntPipe as NestParseIntPipe,
  ParseIntPipeOptions,
  ParseUUIDPipe as NestParseUUIDPipe,
  ParseUUIDPipeOptions,
} from '@nestjs/common';
import { ErrorWithStatus } from '../contract/api-error.js';
import { ErrorCode } from '../codes/error-code.js';
import {
  ARRAY_ITEM_INVALID,
  IS_ARRAY,
  IS_BOOLEAN,
  IS_DATE,
  IS_DEFINED,
  IS_ENUM,
  IS_INT,
  IS_NUMBER,
  IS_UUID,
} from '../codes/validation.codes.js';
import { ErrorResponses } from '../declared-errors/error-responses.decorator.js';
import { ValidationFailedException } from './validation-failed.exception.js';

// Drop-in versions of Nest's parse pipes that name the parameter they failed on. Nest's
// exceptionFactory only receives a message; `transform(value, metadata)` also sees
// `metadata.data`, the parameter's name, so the failure is turned into a contract error
// there. Change the import, keep the code:
//
//     import { ContractParseIntPipe } from 'nest-error-contract';
//     @Get(':id') find(@Param('id', ContractParseIntPipe) id: number) {}
//     // GET /users/abc -> 400 [{"message":"Id must be an integer number.","error_code":"2023","field":"id","details":null}]
//
// A pipe given its own `exceptionFactory` keeps it: what that factory throws passes
// through untouched. Nest's un-wrapped pipes still answer in the contract (the framework
// translator turns their BadRequestException into one object with `field` null).
// Each pipe declares its codes (@ErrorResponses) for the OpenAPI document; the field is
// the parameter the pipe is given to.

/**
 * Stands in for Nest's default exception while the wrapped pipe runs: a shared frozen
 * object, so a failure costs no Error (and no stack trace) before it is renamed.
 */
const PARSE_FAILED: object = Object.freeze({ parseFailed: true });
const markParseFailed = (): object => PARSE_FAILED;

function withCheapFailure<T extends { exceptionFactory?: unknown }>(options: T | undefined): T {
  return (options?.exceptionFactory ? options : { ...options, exceptionFactory: markParseFailed }) as T;
}

/** Builds the contract error of a failed parse: missing -> IS_DEFINED, else the pipe's own code. */
function parseFailure(
  value: unknown,
  metadata: ArgumentMetadata,
  code: ErrorCode,
  details: Record<string, unknown> | null = null,
): ErrorWithStatus {
  const field = metadata.data ? String(metadata.data) : null;
  if (value === undefined || value === null) return IS_DEFINED.create({ field });
  return code.create({ field, details });
}

function rename(error: unknown, failure: () => ErrorWithStatus): never {
  if (error === PARSE_FAILED) throw new ValidationFailedException([failure()]);
  throw error;
}

/** A decimal integer written the one way: no sign but `-`, no leading zeros, no `-0`. */
const CANONICAL_INTEGER = /^(?:0|-?[1-9]\d{0,15})$/u;

@Injectable()
@ErrorResponses(IS_INT, IS_DEFINED)
export class ContractParseIntPipe extends NestParseIntPipe {
  constructor(@Optional() options?: ParseIntPipeOptions) {
    super(withCheapFailure(options));
  }
  /**
   * Strict where Nest's is lenient: `01`, `+1`, `-0` and integers beyond
   * Number.MAX_SAFE_INTEGER (which would come back rounded) are refused too, so one
   * number has one spelling and a `/users/01` cannot alias `/users/1`.
   */
  protected override isNumeric(value: unknown): boolean {
    if (typeof value === 'number') return Number.isSafeInteger(value);
    return typeof value === 'string' && CANONICAL_INTEGER.test(value) && Number.isSafeInteger(Number(value));
  }
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<number | undefined | null> {
    return super
      .transform(value, metadata)
      .catch((error: unknown) => rename(error, () => parseFailure(value, metadata, IS_INT)));
  }
}

@Injectable()
@ErrorResponses(IS_NUMBER, IS_DEFINED)
export class ContractParseFloatPipe extends NestParseFloatPipe {
  constructor(@Optional() options?: ParseFloatPipeOptions) {
    super(withCheapFailure(options));
  }
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<number | undefined | null> {
    return super
      .transform(value, metadata)
      .catch((error: unknown) => rename(error, () => parseFailure(value, metadata, IS_NUMBER)));
  }
}

@Injectable()
@ErrorResponses(IS_BOOLEAN, IS_DEFINED)
export class ContractParseBoolPipe extends NestParseBoolPipe {
  constructor(@Optional() options?: ParseBoolPipeOptions) {
    super(withCheapFailure(options));
  }
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<boolean | undefined | null> {
    return super
      .transform(value, metadata)
      .catch((error: unknown) => rename(error, () => parseFailure(value, metadata, IS_BOOLEAN)));
  }
}

@Injectable()
@ErrorResponses(IS_UUID, IS_DEFINED)
export class ContractParseUUIDPipe extends NestParseUUIDPipe {
  constructor(@Optional() options?: ParseUUIDPipeOptions) {
    super(withCheapFailure(options));
  }
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<string | undefined | null> {
    return super
      .transform(value, metadata)
      .catch((error: unknown) =>
        rename(error, () => parseFailure(value, metadata, IS_UUID, { version: this.options?.version ?? null })),
      );
  }
}

@Injectable()
@ErrorResponses(IS_ENUM, IS_DEFINED)
export class ContractParseEnumPipe<T = unknown> extends NestParseEnumPipe<T> {
  constructor(enumType: T, @Optional() options?: ParseEnumPipeOptions) {
    super(enumType, withCheapFailure(options));
  }
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<T | undefined | null> {
    return super
      .transform(value, metadata)
      .catch((error: unknown) =>
        rename(error, () => parseFailure(value, metadata, IS_ENUM, { allowed: enumValues(this.enumType) })),
      );
  }
}

@Injectable()
@ErrorResponses(IS_DATE, IS_DEFINED)
export class ContractParseDatePipe extends NestParseDatePipe {
  constructor(@Optional() options?: ParseDatePipeOptions) {
    super(withCheapFailure(options));
  }
  // Nest's ParseDatePipe declares transform(value) only; Nest still passes the metadata.
  override transform(value: unknown, metadata?: ArgumentMetadata): Date | null | undefined {
    try {
      return super.transform(value);
    } catch (error) {
      // '' is "no date provided" as much as a missing value
      return rename(error, () =>
        parseFailure(value === '' ? undefined : value, metadata ?? { type: 'custom' }, IS_DATE),
      );
    }
  }
}

@Injectable()
@ErrorResponses(IS_ARRAY, ARRAY_ITEM_INVALID, IS_DEFINED)
export class ContractParseArrayPipe extends NestParseArrayPipe {
  constructor(@Optional() options?: ParseArrayPipeOptions) {
    super(withCheapFailure(options));
  }
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    return super.transform(value, metadata).catch((error: unknown) =>
      rename(error, () => {
        // Not an array nor a separated string -> IS_ARRAY; otherwise an item failed.
        const isList = Array.isArray(value) || typeof value === 'string';
        return parseFailure(value, metadata, isList ? ARRAY_ITEM_INVALID : IS_ARRAY);
      }),
    );
  }
}

/** The values of a TypeScript enum, without the reverse keys of numeric members (as class-validator does). */
function enumValues(enumType: unknown): unknown[] {
  if (typeof enumType !== 'object' || enumType === null) return [];
  return Object.entries(enumType)
    .filter(([key]) => Number.isNaN(Number.parseInt(key, 10)))
    .map(([, value]) => value);
}
