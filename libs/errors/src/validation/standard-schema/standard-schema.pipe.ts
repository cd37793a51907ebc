import {
  ArgumentMetadata,
  Injectable,
  Optional,
  StandardSchemaValidationPipe,
  StandardSchemaValidationPipeOptions,
} from '@nestjs/common';
import { ErrorCode } from '../../codes/error-code.js';
import { BODY_NOT_OBJECT, NESTING_TOO_DEEP } from '../../codes/validation.codes.js';
import { DEFAULT_MAX_ERRORS } from '../flatten.js';
import { ValidationFailedException } from '../validation-failed.exception.js';
import { RefinementCodes, StandardSchemaIssue } from './issue.js';
import { keyOf } from './issue-path.js';
import { standardSchemaIssuesToErrors } from './issues-to-errors.js';

export interface StandardSchemaPipeOptions extends Omit<
  StandardSchemaValidationPipeOptions,
  'exceptionFactory' | 'errorHttpStatusCode' | 'maxErrorMessagesLength'
> {
  /** At most this many error objects per response; the last one then counts the rest. Default 100. */
  maxErrors?: number;
  /**
   * Codes of the app's own refinements, by rule name: zod `.refine(check, { params: { rule: 'slug' } })`,
   * arktype `.narrow(check).configure({ rule: 'slug' })`, a valibot custom action's `type`.
   * (zod's `params: { errorCode }` and arktype's `configure({ errorCode })` attach a code directly.)
   */
  codes?: Readonly<Record<string, ErrorCode>>;
}

/**
 * Nest's StandardSchemaValidationPipe (`@Body({ schema })`, `@Query({ schema })`,
 * `@Param('id', { schema })` with zod, valibot, arktype or any Standard Schema library),
 * answering in the error contract: one object per issue, with the issue's path as
 * `field` and a code for what the schema library says went wrong. The valid path is
 * Nest's own.
 */
@Injectable()
export class ContractStandardSchemaPipe extends StandardSchemaValidationPipe {
  /** At most this many error objects per response (read by `nest-error-contract/swagger`). */
  readonly maxErrors: number;
  private readonly refinementCodes: RefinementCodes | undefined;

  constructor(@Optional() options: StandardSchemaPipeOptions = {}) {
    const { maxErrors, codes, ...nestOptions } = options;
    super(nestOptions);
    this.maxErrors = maxErrors ?? DEFAULT_MAX_ERRORS;
    this.refinementCodes = codes ? new Map(Object.entries(codes)) : undefined;
  }

  // Nest's exception factory sees the issues only; the answer also needs the schema's
  // vendor, the parameter's name and the value (a missing key is not a wrong type).
  override async transform<T = unknown>(value: T, metadata: ArgumentMetadata): Promise<T> {
    const schema = metadata.schema;
    if (!schema || !this.toValidate(metadata)) return value;
    this.stripProtoKeys(value);
    let result;
    try {
      result = await this.validate<T>(value, schema, this.validateOptions);
    } catch (error) {
      // Schema libraries recurse once per level of the client's JSON (zod's z.lazy, a
      // recursive valibot schema): a deep enough body overflows the stack inside them.
      if (error instanceof RangeError && error.message.includes('call stack')) {
        throw new ValidationFailedException([NESTING_TOO_DEEP.create()]);
      }
      throw error;
    }
    if (result.issues) {
      if (metadata.type === 'body' && metadata.data === undefined && isListAskedForKeys(value, result.issues)) {
        // valibot and arktype read an array's keys like an object's: the client needs one
        // answer about the whole body, as for a DTO, not one per missing key.
        throw new ValidationFailedException([BODY_NOT_OBJECT.create()]);
      }
      throw new ValidationFailedException(
        standardSchemaIssuesToErrors(result.issues as readonly StandardSchemaIssue[], {
          vendor: schema['~standard'].vendor,
          input: value,
          parameter: metadata.data,
          maxErrors: this.maxErrors,
          codes: this.refinementCodes,
        }),
      );
    }
    return this.isTransformEnabled ? result.value : value;
  }
}

/** The value is a list, and the schema looked in it for a named key: it expected an object. */
function isListAskedForKeys(value: unknown, issues: readonly StandardSchemaIssue[]): boolean {
  if (!Array.isArray(value)) return false;
  return issues.some((issue) => {
    const first = issue.path?.[0];
    return first !== undefined && typeof keyOf(first) === 'string' && !/^\d+$/u.test(String(keyOf(first)));
  });
}
