import { DatabaseDialect } from '../dialect.js';
import { mysqlDialect } from './mysql/index.js';
import { postgresDialect } from './postgres/index.js';

/**
 * The dialects, tried in order on each error object. Their recognition is disjoint
 * (mysql2 errors carry a numeric `errno`, pg's a five-character SQLSTATE `code`).
 */
export const DIALECTS: readonly DatabaseDialect[] = [postgresDialect, mysqlDialect];
