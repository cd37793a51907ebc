import { BadRequestException } from '@nestjs/common';
import { ApiError, ErrorWithStatus } from '../contract/api-error.js';
import { responseStatus } from '../contract/status-rule.js';
import { brand } from '../contract/brand.js';
import { restoreStackTraces, withoutStackTrace } from '../contract/stack-traces.js';

/**
 * What the library's validation and parse pipes throw: the contract objects, already
 * built. The validation translator claims it; without the ErrorsModule, Nest's default
 * filter still answers with the status and the contract array (see getResponse).
 *
 * A BadRequestException so that code which checks for one keeps working. Validation
 * failures are expected 4xx answers, so the stack trace (the costly part of building an
 * Error) is not captured.
 */
export class ValidationFailedException extends BadRequestException {
  readonly errors: readonly ErrorWithStatus[];

  constructor(errors: readonly ErrorWithStatus[]) {
    const limit = withoutStackTrace();
    super('Validation failed.');
    restoreStackTraces(limit);
    this.errors = errors;
  }

  /** The contract body, for filters other than the library's. */
  override getResponse(): ApiError[] {
    return this.errors.map((item) => item.error);
  }

  override getStatus(): number {
    return responseStatus(this.errors.map((item) => item.status));
  }
}

brand(ValidationFailedException, 'ValidationFailedException');
