import { Indexable } from './failure.js';
import { DatabaseDialectName, DatabaseErrorFacts } from './kinds.js';

/**
 * One database's way of saying what went wrong. `read` looks at one error object, the
 * driver's own (pg, PGlite, mysql2), and returns the kind of failure and the facts it
 * carries, or undefined when the error is not this database's. `wrapped` says that an
 * ORM handed the error over as the cause of a failed query, which is evidence enough
 * that it is a database error; raw errors must prove it by their shape.
 */
export interface DatabaseDialect {
  name: DatabaseDialectName;
  read(error: Indexable, wrapped: boolean): DatabaseErrorFacts | undefined;
}
