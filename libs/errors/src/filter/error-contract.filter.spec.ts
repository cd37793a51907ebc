import { HttpAdapterHost } from '@nestjs/core';
import type { ArgumentsHost } from '@nestjs/common';
import { lastValueFrom, Observable } from 'rxjs';
import { NotFoundError } from '../exceptions/domain-error.js';
import { resolveSettings } from '../errors.settings.js';
import { ErrorRuntime } from '../runtime/error-runtime.js';
import { ErrorContractFilter } from './error-contract.filter.js';

/** The filter outside HTTP: RPC, WebSocket and GraphQL contexts are left to their transports. */
describe('ErrorContractFilter in non-HTTP contexts', () => {
  const errors: string[] = [];
  const filter = new ErrorContractFilter(
    new HttpAdapterHost(),
    ErrorRuntime.create(
      resolveSettings({
        database: false,
        logger: { log() {}, warn() {}, error: (message: unknown) => errors.push(String(message)) },
      }),
    ),
  );
  /** An ArgumentsHost as Nest builds one for a non-HTTP handler. */
  const hostOf = (type: string, args: unknown[]): ArgumentsHost => {
    const at = <T>(index: number) => args[index] as T;
    return {
      getType: <T extends string>() => type as T,
      getArgs: <T extends unknown[]>() => args as T,
      getArgByIndex: at,
      switchToRpc: () => ({ getData: () => at(0), getContext: () => at(1) }) as never,
      switchToHttp: () => ({ getRequest: () => at(0), getResponse: () => at(1), getNext: () => at(2) }) as never,
      switchToWs: () => ({ getClient: () => at(0), getData: () => at(1), getPattern: () => '' }) as never,
    } as ArgumentsHost;
  };

  it('hands RPC errors back to the transport as an error Observable', async () => {
    const failure = new Error('rpc failure');
    const result = filter.catch(failure, hostOf('rpc', [{}, {}])) as Observable<unknown>;
    await expect(lastValueFrom(result)).rejects.toBe(failure);
  });

  it('emits the contract array to a WebSocket client and does not throw', () => {
    const emitted: unknown[] = [];
    const client = { emit: (event: string, data: unknown) => emitted.push([event, data]) };
    expect(() => filter.catch(new NotFoundError('room'), hostOf('ws', [client, {}]))).not.toThrow();
    expect(emitted).toEqual([
      [
        'exception',
        [{ message: 'The room was not found.', error_code: '4004', field: null, details: { resource: 'room' } }],
      ],
    ]);
  });

  it('logs a WebSocket 5xx and sends the generic body', () => {
    const emitted: unknown[] = [];
    filter.catch(new Error('boom'), hostOf('ws', [{ emit: (_: string, data: unknown) => emitted.push(data) }, {}]));
    expect(JSON.stringify(emitted)).not.toContain('boom');
    expect(errors.at(-1)).toContain('boom');
  });

  it('rethrows in GraphQL (and other) contexts, as Nest does', () => {
    const failure = new Error('resolver failure');
    expect(() => filter.catch(failure, hostOf('graphql', [{}, {}, {}, {}]))).toThrow(failure);
  });
});

/** A response object of neither Express, Fastify nor Node: the platform adapter sends the array. */
describe('ErrorContractFilter with a response of another platform', () => {
  it("answers through the adapter's reply, with the contract objects and the headers", () => {
    const sent: Array<{ body: unknown; status: number }> = [];
    const headers: Record<string, string> = {};
    const adapter = {
      isHeadersSent: () => false,
      setHeader: (_response: unknown, name: string, value: string) => (headers[name] = value),
      reply: (_response: unknown, body: unknown, status: number) => sent.push({ body, status }),
    };
    const filter = new ErrorContractFilter(
      { httpAdapter: adapter } as unknown as HttpAdapterHost,
      ErrorRuntime.create(resolveSettings({ database: false })),
    );
    filter.replyTo(new NotFoundError('room'), { method: 'GET', url: '/rooms/1', headers: {} }, {});
    expect(sent).toEqual([
      {
        status: 404,
        body: [{ message: 'The room was not found.', error_code: '4004', field: null, details: { resource: 'room' } }],
      },
    ]);
    expect(headers['content-type']).toBe('application/json; charset=utf-8');
    expect(headers['content-language']).toBe('en');
    expect(headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
