import type { ErrorAnswer } from '../../response/error-answer.js';

/** Fastify's reply, as far as sending a finished body goes. */
export type FastifyReply = {
  raw: object;
  server?: object;
  code(status: number): unknown;
  header(name: string, value: string): unknown;
  send(payload: string): unknown;
};

export function isFastifyReply(response: unknown): response is FastifyReply {
  const reply = response as Partial<FastifyReply> | null;
  return (
    typeof reply?.raw === 'object' &&
    typeof reply.code === 'function' &&
    typeof reply.header === 'function' &&
    typeof reply.send === 'function'
  );
}

/** Writes a finished answer through `reply.send`, so Fastify's onSend hooks, compression and logging still see it. */
export function writeFastifyReply(reply: FastifyReply, answer: ErrorAnswer): void {
  reply.code(answer.status);
  const headers = answer.headers;
  for (const name in headers) reply.header(name, headers[name]);
  reply.send(answer.body);
}
