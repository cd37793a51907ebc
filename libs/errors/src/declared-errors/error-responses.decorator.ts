import { ErrorCode } from '../codes/error-code.js';

/** A code a route can answer with, and where it is reported when the code alone does not say. */
export interface DeclaredError {
  code: ErrorCode;
  /** The request key the error is about, or null for the request as a whole. Default null. */
  field?: string | null;
  /** The status it is answered with, when the thrower overrides the code's own. */
  status?: number;
}

/**
 * A constraint of the database registry (`ErrorsModule.forRoot({ database: { constraints } })`)
 * that the route writes to: its rule says which code and field the client gets. `code`
 * is the library's code for the situation (`DatabaseCodes.UNIQUE_VIOLATION`...), needed
 * only when the rule brings no code of its own.
 */
export interface ConstraintReference {
  constraint: string;
  code?: ErrorCode;
}

/**
 * Codes the handler reports together in one response (`DomainErrors.collect()`). Each
 * is also answered alone; together, their statuses combine as every response's do (a
 * mix of 4xx statuses is a 400), so a 409 code of the list can come with a 400.
 */
export interface CollectedErrors {
  collected: ReadonlyArray<ErrorCode | DeclaredError>;
}

/**
 * The TypeORM entity (its class) the handlers write: the database codes are derived
 * from its constraints as the database translator learnt them at start-up, each with
 * the code and field the translator answers (a unique column's 409 on its field, a
 * registered constraint's own code). POST, PUT and PATCH get its unique, exclusion and
 * check constraints and its foreign keys; DELETE the foreign keys of other tables that
 * refer to it. One declaration on the controller covers its handlers.
 */
export interface EntityReference {
  entity: abstract new (...args: never[]) => unknown;
}

/** What `@ErrorResponses()` takes: codes, codes with their field, constraint references, entities, collected codes. */
export type ErrorResponseEntry = ErrorCode | DeclaredError | ConstraintReference | EntityReference | CollectedErrors;

// A symbol of this module rather than a string: no other library can collide with it.
const ERROR_RESPONSES = Symbol('nest-error-contract:error-responses');

/**
 * Declares the codes a handler, every handler of a controller, or a pipe (for the
 * parameter it is given to) can answer with, beyond what the library derives itself
 * (validation rules, parse pipes, body parsing). `nest-error-contract/swagger` puts them
 * into the OpenAPI document; nothing reads them while serving requests.
 *
 *     @ErrorResponses(USER_NOT_FOUND, { constraint: 'users_email_key' })
 *     @Patch(':id') update(...) {}
 *
 *     @ErrorResponses({ collected: [COLUMN_NAME_TAKEN, UNKNOWN_COLUMN_TYPE] })
 *     @Post() addColumn(...) {}
 *
 * Decorators stack: a controller's entries apply to each of its handlers.
 */
export function ErrorResponses(...entries: ErrorResponseEntry[]): ClassDecorator & MethodDecorator {
  return (target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
    const holder: object = descriptor ? (descriptor.value as object) : target;
    const existing = (Reflect.getOwnMetadata(ERROR_RESPONSES, holder) as ErrorResponseEntry[] | undefined) ?? [];
    Reflect.defineMetadata(ERROR_RESPONSES, [...existing, ...entries], holder);
  };
}

/**
 * The entries declared on a handler function, or on a class and its parent classes (a
 * pipe extending a declared pipe answers what its parent does), in declaration order.
 */
export function declaredErrorResponses(holder: object): readonly ErrorResponseEntry[] {
  const found: ErrorResponseEntry[] = [];
  for (
    let current: object | null = holder;
    current !== null && current !== Function.prototype;
    current = Object.getPrototypeOf(current) as object | null
  ) {
    const own = Reflect.getOwnMetadata(ERROR_RESPONSES, current) as ErrorResponseEntry[] | undefined;
    if (own) found.push(...own);
  }
  return found;
}
