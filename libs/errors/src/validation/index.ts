// The validation story: a ValidationPipe that answers one contract object per violated
// rule of each field, and drop-in parse pipes that name the parameter they failed on.
export { ContractValidationPipe, createValidationPipe } from './validation.pipe';
export type { ContractValidationPipeOptions } from './validation.pipe';
export { ValidationFailedException } from './validation-failed.exception';
export { DEFAULT_MAX_ERRORS, flattenValidationErrors } from './flatten';
export type { FlattenOptions, ValidationErrorContext } from './flatten';
export { RULE_CODES } from './rule-codes';
export type { DetailsFromArguments, RuleCode } from './rule-codes';
export {
  ParseArrayPipe,
  ParseBoolPipe,
  ParseDatePipe,
  ParseEnumPipe,
  ParseFloatPipe,
  ParseIntPipe,
  ParseUUIDPipe,
  parseFailure,
} from './parse-pipes';
