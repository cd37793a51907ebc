import { ValidationError } from 'class-validator';
import { BadRequestException } from '@nestjs/common';
import { ErrorCodeRegistry } from '../../codes/registry.js';
import { BODY_NOT_OBJECT } from '../../codes/validation.codes.js';
import { ValidationFailedException } from '../../validation/validation-failed.exception.js';
import { TranslationContext } from '../translator.js';
import { translateValidationError } from './index.js';

const context: TranslationContext = {
  requestId: 'r1',
  registry: new ErrorCodeRegistry(),
};

describe('translateValidationError', () => {
  it('claims the pipes exception with its errors as built', () => {
    const built = BODY_NOT_OBJECT.create();
    expect(translateValidationError(new ValidationFailedException([built]), context)).toEqual({ errors: [built] });
  });

  it('claims a bare list of class-validator errors', () => {
    const error = Object.assign(new ValidationError(), {
      property: 'name',
      constraints: { isString: 'name must be a string' },
      children: [],
    });
    expect(translateValidationError([error], context)).toEqual({
      errors: [
        { status: 400, error: { message: 'Name must be a string.', error_code: '2024', field: 'name', details: null } },
      ],
    });
  });

  it('leaves everything else to the other translators', () => {
    expect(translateValidationError(new BadRequestException('x'), context)).toBeUndefined();
    expect(translateValidationError([], context)).toBeUndefined();
    expect(translateValidationError(new Error('x'), context)).toBeUndefined();
  });

  it('builds the exception without a stack trace and with the contract as its response', () => {
    const exception = new ValidationFailedException([BODY_NOT_OBJECT.create()]);
    expect(exception.stack?.split('\n')).toHaveLength(1);
    expect(exception.getStatus()).toBe(400);
    expect(exception.getResponse()).toEqual([BODY_NOT_OBJECT.create().error]);
  });
});
