import { Body } from '@nestjs/common';

/**
 * Nest keeps a handler's parameter decorators (`@Body()`, `@Query()`...) as metadata on
 * the controller class, under a key of its own, as entries named `"<paramtype>:<index>"`.
 * Neither the key nor the paramtype numbers are public API. Both are learnt once here
 * from a probe decorated with the public `@Body()`, so this follows Nest if they ever
 * change instead of importing Nest's internal constants.
 */
class Probe {
  handler(@Body() body: unknown): unknown {
    return body;
  }
}

function learnBodyMetadata(): { key: unknown; bodyPrefix: string } {
  for (const key of Reflect.getOwnMetadataKeys(Probe, 'handler')) {
    const entries: unknown = Reflect.getOwnMetadata(key, Probe, 'handler');
    if (typeof entries !== 'object' || entries === null) continue;
    const entry = Object.keys(entries).find((name) => name.endsWith(':0'));
    if (entry) return { key, bodyPrefix: entry.slice(0, -1) };
  }
  throw new Error(
    'Could not find how Nest stores @Body() metadata; nest-error-contract needs an update for this Nest version.',
  );
}

const BODY = learnBodyMetadata();

/** Whether the handler of this controller has a `@Body()` parameter (whole body or one key of it). */
export function handlerReadsBody(controller: object, handlerName: string | symbol): boolean {
  const entries: unknown = Reflect.getMetadata(BODY.key, controller, handlerName);
  if (typeof entries !== 'object' || entries === null) return false;
  return Object.keys(entries).some((name) => name.startsWith(BODY.bodyPrefix));
}
