import { ErrorCode } from './error-code';

// Validation codes (2000-2999): one per class-validator rule. Filled in by the validation work.

export const VALIDATION_CODES: ErrorCode[] = [];
