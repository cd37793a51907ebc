import Fastify from 'fastify';
import { randomUUID } from 'node:crypto';

/**
 * The ceiling: plain Fastify, no Nest, answering POST /users with the exact 400 body
 * the library answers for the five-violation DTO (given by the runner in
 * BENCH_CEILING_BODY), with the same content type and a request id header. It parses
 * the JSON body like the real apps do, and validates nothing.
 */
async function start(): Promise<void> {
  const body = process.env.BENCH_CEILING_BODY ?? '[]';
  const app = Fastify({ logger: false });
  app.post('/users', (_request, reply) => {
    reply
      .code(400)
      .header('content-type', 'application/json; charset=utf-8')
      .header('x-request-id', randomUUID())
      .send(body);
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address() as { port: number };
  process.on('message', (message: { type: string }) => {
    if (message.type === 'exit') void app.close().then(() => process.exit(0));
  });
  process.send?.({ type: 'ready', port: address.port });
}

start().catch((error: unknown) => {
  process.send?.({ type: 'failed', message: String(error) });
  process.exit(1);
});
