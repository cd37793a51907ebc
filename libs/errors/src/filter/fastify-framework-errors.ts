import { BUILTIN_CODES } from '../codes/builtin-codes';
import { MALFORMED_REQUEST } from '../codes/request.codes';
import { ErrorCodeRegistry } from '../codes/registry';
import { toApiError } from '../contract/api-error';
import { responseStatus } from '../contract/status-rule';
import { translateFrameworkError } from '../translators/framework.translator';
import { DEFAULT_REQUEST_ID_HEADER, requestIdOf } from './request-id';

type FastifyReplyLike = {
  code(status: number): FastifyReplyLike;
  header(name: string, value: string): FastifyReplyLike;
  send(payload: string): unknown;
};

const registry = new ErrorCodeRegistry().register(BUILTIN_CODES, 'library');

/**
 * Fastify answers a few errors before routing (a path with a broken percent-encoding,
 * an over-long path parameter) from its own router, bypassing every error handler and
 * so Nest's filters. Its `frameworkErrors` option is the only hook; pass this function
 * there so they are answered in the contract too:
 *
 *     new FastifyAdapter({ frameworkErrors: fastifyFrameworkErrors })
 *     new FastifyAdapter({ frameworkErrors: createFastifyFrameworkErrors({ requestIdHeader: 'x-correlation-id' }) })
 *
 * It runs outside Nest (the adapter exists before the app), so it takes the request id
 * header here rather than from ErrorsModule's options.
 */
export function createFastifyFrameworkErrors(
  options: { requestIdHeader?: string } = {},
): (error: unknown, request: unknown, reply: unknown) => void {
  const header = (options.requestIdHeader ?? DEFAULT_REQUEST_ID_HEADER).toLowerCase();
  return (error, request, reply) => {
    const carrier = (request as { raw?: object } | undefined)?.raw ?? request;
    const requestId = requestIdOf(carrier, header);
    const translation = translateFrameworkError(error, { requestId, registry, bodyMediaTypes: [] });
    const errors = translation?.errors ?? [MALFORMED_REQUEST.create()];
    (reply as FastifyReplyLike)
      .code(responseStatus(errors.map((item) => item.status)))
      .header('content-type', 'application/json; charset=utf-8')
      .header(header, requestId)
      .send(JSON.stringify(errors.map((item) => toApiError(item.error))));
  };
}

/** The handler with the default `X-Request-Id` header. */
export const fastifyFrameworkErrors = createFastifyFrameworkErrors();
