import { INestApplicationContext } from '@nestjs/common';
import { DATABASE_TIMEOUT, DATABASE_UNAVAILABLE } from '../codes/database.codes.js';
import { INTERNAL_ERROR } from '../codes/server.codes.js';
import type { ConstraintIndex } from '../database/constraint-index.js';
import { SchemaLearningDatabaseTranslator } from '../database/schema-learning.translator.js';
import { ErrorsSettings } from '../errors.settings.js';
import { providedGlobalPipes } from './route-discovery.js';
import { PossibleError, RouteErrorContext } from './route-errors.js';

/**
 * What the app's configuration says about every route's errors: the OpenAPI documenter
 * and the served catalogue both derive a route's codes from it, so they never disagree.
 */
export function routeErrorContext(
  app: Pick<INestApplicationContext, 'get'>,
  settings: ErrorsSettings,
  globalPipes: readonly unknown[] = [],
): RouteErrorContext {
  return {
    globalPipes: [...providedGlobalPipes(app), ...globalPipes],
    constraints: (settings.database !== false && settings.database.constraints) || {},
    bodyMediaTypes: settings.bodyMediaTypes,
    schema: learntSchema(app),
  };
}

function learntSchema(app: Pick<INestApplicationContext, 'get'>): ConstraintIndex | undefined {
  try {
    const translator = app.get(
      SchemaLearningDatabaseTranslator as never,
      { strict: false } as never,
    ) as SchemaLearningDatabaseTranslator | null;
    return translator?.knowledge.index;
  } catch {
    return undefined;
  }
}

/** What any route can answer whatever its code: a server error, and the database being down. */
export function sharedErrors(settings: ErrorsSettings): PossibleError[] {
  return [
    { code: INTERNAL_ERROR, status: INTERNAL_ERROR.status, field: null },
    ...(settings.database === false ? [] : [DATABASE_UNAVAILABLE, DATABASE_TIMEOUT]).map((code) => ({
      code,
      status: code.status,
      field: null,
    })),
  ];
}
