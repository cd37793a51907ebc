import { ErrorCode } from './error-code';

// Database codes (3000-3999): PostgreSQL failures by SQLSTATE. Filled in by the database work.

export const DATABASE_CODES: ErrorCode[] = [];
