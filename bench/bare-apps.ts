import express, { NextFunction, Request, Response } from 'express';
import Fastify, { FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import inject from 'light-my-request';
import type { DispatchFunc, InjectOptions, Response as InjectedResponse } from 'light-my-request';
import { SilentLogger, ZOD_USER } from './apps';

/**
 * The floor of `npm run bench:cost`: a bare Express app and a bare Fastify app (no Nest,
 * no library) that answer the bytes ours answers (status, body, and the headers a
 * client reads: content type, language, `Vary`, `nosniff`, a fresh request id) for
 * the same requests. They do by hand only what those bytes need: parse the JSON, route,
 * check the five fields of the DTO with plain comparisons, put the contract objects
 * together and serialize them. The cost worker compares every bare answer with ours'
 * before measuring, so the floor cannot drift from the bytes it stands for. The
 * nest-floor app (bench/nest-floor-apps.ts) runs the same checks and answers inside Nest.
 */

export interface ContractError {
  message: string;
  error_code: string;
  field: string | null;
  details: Record<string, unknown> | null;
}

/** The headers of every error answer of ours (no `Accept` in the bench's requests: the array, in English). */
export const ERROR_HEADERS = {
  'content-language': 'en',
  vary: 'Accept, Accept-Language',
  'content-type': 'application/json; charset=utf-8',
  'x-content-type-options': 'nosniff',
} as const;

export const MALFORMED_JSON: ContractError[] = [
  { message: 'The request body is not valid JSON.', error_code: '1002', field: null, details: null },
];
export const NOT_FOUND: ContractError[] = [
  { message: 'The user was not found.', error_code: '4004', field: null, details: { resource: 'user' } },
];
export const CONFLICT: ContractError[] = [
  {
    message: 'The request conflicts with the current state of the user.',
    error_code: '4009',
    field: 'username',
    details: { resource: 'user' },
  },
];
export const unknownRoute = (method: string, path: string): ContractError[] => [
  { message: `No route matches ${method} ${path}.`, error_code: '1001', field: null, details: { method, path } },
];
export const internalError = (requestId: string): ContractError[] => [
  {
    message: 'Something went wrong on our side. Quote the request id if you report it.',
    error_code: '5000',
    field: null,
    details: { request_id: requestId },
  },
];

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;
const ROLES = ['user', 'admin'];
const label = (field: string): string => field[0].toUpperCase() + field.slice(1);

/** CreateUserDto's rules (bench/apps.ts), checked by hand, in the order class-validator reports them. */
export function violationsOf(body: Record<string, unknown>): ContractError[] {
  const errors: ContractError[] = [];
  const { username, email, age, website, role } = body;
  if (typeof username !== 'string' || username.length < 3 || username.length > 30)
    errors.push({
      message:
        typeof username === 'string' && username.length > 30
          ? 'Username must be shorter than or equal to 30 characters.'
          : 'Username must be longer than or equal to 3 characters.',
      error_code: '2052',
      field: 'username',
      details: { min: 3, max: 30 },
    });
  if (typeof email !== 'string' || !EMAIL.test(email))
    errors.push({ message: 'Email must be an email.', error_code: '2056', field: 'email', details: null });
  if (!((age as number) <= 130))
    errors.push({
      message: 'Age must not be greater than 130.',
      error_code: '2044',
      field: 'age',
      details: { max: 130 },
    });
  if (!((age as number) >= 13))
    errors.push({ message: 'Age must not be less than 13.', error_code: '2043', field: 'age', details: { min: 13 } });
  if (!Number.isInteger(age))
    errors.push({ message: 'Age must be an integer number.', error_code: '2023', field: 'age', details: null });
  if (typeof website !== 'string' || !URL.canParse(website))
    errors.push({ message: 'Website must be a URL address.', error_code: '2057', field: 'website', details: null });
  if (!ROLES.includes(role as string))
    errors.push({
      message: 'Role must be one of the following values: user, admin.',
      error_code: '2015',
      field: 'role',
      details: { allowed: ROLES },
    });
  return errors;
}

/** The zod route: zod validates, the issues become contract objects through a small table. */
export function zodViolationsOf(body: unknown): ContractError[] {
  const result = ZOD_USER.safeParse(body);
  if (result.success) return [];
  const errors: ContractError[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        errors.push({ message: `Property ${key} should not exist.`, error_code: '2002', field: key, details: null });
      continue;
    }
    const field = String(issue.path[0]);
    const name = label(field);
    if (issue.code === 'too_small' && issue.origin === 'string')
      errors.push({
        message: `${name} must be longer than or equal to ${String(issue.minimum)} characters.`,
        error_code: '2050',
        field,
        details: { min: Number(issue.minimum) },
      });
    else if (issue.code === 'invalid_format' && issue.format === 'email')
      errors.push({ message: `${name} must be an email.`, error_code: '2056', field, details: null });
    else if (issue.code === 'invalid_format' && issue.format === 'url')
      errors.push({ message: `${name} must be a URL address.`, error_code: '2057', field, details: null });
    else if (issue.code === 'invalid_type' && issue.expected === 'int')
      errors.push({ message: `${name} must be an integer number.`, error_code: '2023', field, details: null });
    else if (issue.code === 'invalid_value')
      errors.push({
        message: `${name} must be one of the following values: ${issue.values.join(', ')}.`,
        error_code: '2015',
        field,
        details: { allowed: issue.values },
      });
    else errors.push({ message: `${name} is not valid.`, error_code: '2000', field, details: null });
  }
  return errors;
}

export const NEW_USER = { id: 1, username: 'alice' };

export type BareInjector = (options: InjectOptions) => Promise<InjectedResponse>;

/** Bare Express 5: express.json() (the body parser Nest's Express adapter uses) and three middlewares. */
export function bareExpress(logger: SilentLogger): BareInjector {
  const app = express();
  const answer = (response: Response, status: number, errors: ContractError[]) =>
    response.status(status).set(ERROR_HEADERS).end(JSON.stringify(errors));
  app.use((_request: Request, response: Response, next: NextFunction) => {
    response.setHeader('x-request-id', randomUUID());
    next();
  });
  app.use(express.json());
  app.post('/users', (request: Request, response: Response) => {
    const errors = violationsOf(request.body as Record<string, unknown>);
    if (errors.length > 0) answer(response, 400, errors);
    else response.status(201).json(NEW_USER);
  });
  app.post('/zod/users', (request: Request, response: Response) => {
    const errors = zodViolationsOf(request.body);
    if (errors.length > 0) answer(response, 400, errors);
    else response.status(201).json(NEW_USER);
  });
  app.get('/users/:id', (_request: Request, response: Response) => answer(response, 404, NOT_FOUND));
  app.post('/users/:id/rename', (_request: Request, response: Response) => answer(response, 409, CONFLICT));
  app.get('/boom', (_request: Request, response: Response) => {
    const missing = (globalThis as { benchMissingUser?: { name: string } }).benchMissingUser;
    response.json(missing!.name);
  });
  app.use((request: Request, response: Response) => answer(response, 404, unknownRoute(request.method, request.path)));
  app.use((error: Error & { type?: string }, _request: Request, response: Response, _next: NextFunction) => {
    if (error.type === 'entity.parse.failed') return answer(response, 400, MALFORMED_JSON);
    // Every 500 is logged with its stack, as ours and stock do.
    logger.error(error);
    answer(response, 500, internalError(String(response.getHeader('x-request-id'))));
  });
  return (options) => inject(app as unknown as DispatchFunc, options);
}

/** Bare Fastify 5: its own JSON parser, an onRequest hook, a not-found and an error handler. */
export async function bareFastify(logger: SilentLogger): Promise<BareInjector> {
  const app = Fastify({ logger: false });
  const answer = (reply: FastifyReply, status: number, errors: ContractError[]) =>
    reply.code(status).headers(ERROR_HEADERS).send(JSON.stringify(errors));
  app.addHook('onRequest', (_request, reply, done) => {
    reply.header('x-request-id', randomUUID());
    done();
  });
  app.post('/users', (request, reply) => {
    const errors = violationsOf(request.body as Record<string, unknown>);
    if (errors.length > 0) return answer(reply, 400, errors);
    return reply.code(201).send(NEW_USER);
  });
  app.post('/zod/users', (request, reply) => {
    const errors = zodViolationsOf(request.body);
    if (errors.length > 0) return answer(reply, 400, errors);
    return reply.code(201).send(NEW_USER);
  });
  app.get('/users/:id', (_request, reply) => answer(reply, 404, NOT_FOUND));
  app.post('/users/:id/rename', (_request, reply) => answer(reply, 409, CONFLICT));
  app.get('/boom', () => {
    const missing = (globalThis as { benchMissingUser?: { name: string } }).benchMissingUser;
    return missing!.name;
  });
  app.setNotFoundHandler((request, reply) =>
    answer(reply, 404, unknownRoute(request.method, request.url.split('?')[0])),
  );
  app.setErrorHandler((error: Error & { code?: string }, _request, reply) => {
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError)
      return answer(reply, 400, MALFORMED_JSON);
    logger.error(error);
    return answer(reply, 500, internalError(String(reply.getHeader('x-request-id'))));
  });
  await app.ready();
  return (options) => app.inject(options);
}
