import { type } from 'arktype';
import { defineErrorCode } from 'nest-error-contract';
import * as v from 'valibot';
import { z } from 'zod';

/**
 * One table of validation cases, run through zod 4, valibot 1 and arktype 2: the same
 * schema written in each library, the same invalid bodies, the exact answers. Where a
 * library cannot express a case, or says less than the others, the case says so.
 */
export type SchemaLibrary = 'zod' | 'valibot' | 'arktype';
export const SCHEMA_LIBRARIES: readonly SchemaLibrary[] = ['zod', 'valibot', 'arktype'];

/** An app's own code, attached to a refinement (zod params, arktype meta, valibot's `codes` option). */
export const SLUG_INVALID = defineErrorCode('6330', 'SLUG_INVALID', 400, '{field} must be a slug.');

const isSlug = (value: string): boolean => /^[a-z0-9-]+$/u.test(value);
const toNumber = (text: string): number => Number(text);

/** The user schema in each library: every case breaks one part of a valid body. */
export const USER_SCHEMAS = {
  zod: z
    .strictObject({
      email: z.email(),
      username: z.string().min(3).max(10),
      id: z.uuid(),
      site: z.url(),
      role: z.enum(['admin', 'user']),
      age: z.number().int(),
      profile: z.object({ links: z.array(z.object({ url: z.url() })) }),
      tags: z.array(z.string()),
      kind: z.union([z.literal('a'), z.number()]),
      password: z.string(),
      confirm: z.string(),
      nickname: z.string().refine((value) => value.trim() === value),
      slug: z.string().refine(isSlug, { params: { errorCode: SLUG_INVALID } }),
      amount: z.string().transform((text, context) => {
        const amount = toNumber(text);
        if (Number.isNaN(amount)) context.addIssue({ code: 'custom', message: 'amount is not a number' });
        return amount;
      }),
    })
    .refine((user) => user.password === user.confirm, { message: 'Passwords must match', path: ['confirm'] }),
  valibot: v.pipe(
    v.strictObject({
      email: v.pipe(v.string(), v.email()),
      username: v.pipe(v.string(), v.minLength(3), v.maxLength(10)),
      id: v.pipe(v.string(), v.uuid()),
      site: v.pipe(v.string(), v.url()),
      role: v.picklist(['admin', 'user']),
      age: v.pipe(v.number(), v.integer()),
      profile: v.object({ links: v.array(v.object({ url: v.pipe(v.string(), v.url()) })) }),
      tags: v.array(v.string()),
      kind: v.union([v.literal('a'), v.number()]),
      password: v.string(),
      confirm: v.string(),
      nickname: v.pipe(
        v.string(),
        v.check((value) => value.trim() === value),
      ),
      // valibot issues carry no parameters: a custom action's `type` names the rule for `codes`
      slug: v.pipe(v.string(), { ...v.check(isSlug), type: 'slug' } as unknown as ReturnType<typeof v.check<string>>),
      amount: v.pipe(
        v.string(),
        v.rawTransform(({ dataset, addIssue, NEVER }) => {
          const amount = toNumber(dataset.value);
          if (!Number.isNaN(amount)) return amount;
          addIssue({ message: 'amount is not a number' });
          return NEVER;
        }),
      ),
    }),
    v.forward(
      v.partialCheck([['password'], ['confirm']], (user) => user.password === user.confirm, 'Passwords must match'),
      ['confirm'],
    ),
  ),
  arktype: type({
    '+': 'reject',
    email: 'string.email',
    username: '3 <= string <= 10',
    id: 'string.uuid',
    site: 'string.url',
    role: "'admin' | 'user'",
    age: 'number.integer',
    profile: { links: type({ url: 'string.url' }).array() },
    tags: 'string[]',
    kind: "'a' | number",
    password: 'string',
    confirm: 'string',
    nickname: type('string').narrow((value) => value.trim() === value),
    slug: type('string')
      .narrow(isSlug)
      .configure({ errorCode: SLUG_INVALID } as never),
    amount: type('string').pipe((text, context) => {
      const amount = toNumber(text);
      return Number.isNaN(amount) ? context.error({ message: 'amount is not a number' }) : amount;
    }),
  }).narrow((user, context) =>
    user.password === user.confirm ? true : context.reject({ path: ['confirm'], message: 'Passwords must match' }),
  ),
};

/** An async refinement in each library; arktype validates synchronously only. */
export const ASYNC_SCHEMAS = {
  zod: z.object({ username: z.string().refine(async (name) => Promise.resolve(name !== 'taken')) }),
  valibot: v.objectAsync({
    username: v.pipeAsync(
      v.string(),
      v.checkAsync(async (name) => Promise.resolve(name !== 'taken')),
    ),
  }),
  arktype: undefined,
};

export const VALID_USER = {
  email: 'ada@example.com',
  username: 'ada',
  id: '3f1c2b9e-8a4d-4c6e-9f1a-2b3c4d5e6f70',
  site: 'https://example.com',
  role: 'admin',
  age: 36,
  profile: { links: [{ url: 'https://example.com/a' }, { url: 'https://example.com/b' }] },
  tags: ['x'],
  kind: 'a',
  password: 'secret',
  confirm: 'secret',
  nickname: 'ada',
  slug: 'ada-l',
  amount: '12.5',
};

type ApiError = { message: string; error_code: string; field: string | null; details: Record<string, unknown> | null };

export interface SchemaCase {
  readonly name: string;
  /** The valid body with these keys changed (`undefined` removes a key). */
  readonly change: Readonly<Record<string, unknown>>;
  readonly expected: readonly ApiError[];
  /** A library that answers differently, and why. */
  readonly except?: Partial<Record<SchemaLibrary, { readonly why: string; readonly expected: readonly ApiError[] }>>;
}

const error = (error_code: string, field: string | null, message: string, details: ApiError['details'] = null) => ({
  message,
  error_code,
  field,
  details,
});

export const SCHEMA_CASES: readonly SchemaCase[] = [
  {
    name: 'missing field',
    change: { username: undefined },
    expected: [error('2010', 'username', 'Username should not be null or undefined.')],
  },
  {
    name: 'wrong type',
    change: { age: 'old' },
    expected: [error('2022', 'age', 'Age must be a number conforming to the specified constraints.')],
  },
  {
    name: 'too short',
    change: { username: 'ab' },
    expected: [error('2050', 'username', 'Username must be longer than or equal to 3 characters.', { min: 3 })],
  },
  {
    name: 'too long',
    change: { username: 'abcdefghijk' },
    expected: [error('2051', 'username', 'Username must be shorter than or equal to 10 characters.', { max: 10 })],
  },
  { name: 'bad email', change: { email: 'ada' }, expected: [error('2056', 'email', 'Email must be an email.')] },
  { name: 'bad url', change: { site: 'example' }, expected: [error('2057', 'site', 'Site must be a URL address.')] },
  {
    name: 'bad uuid',
    change: { id: 'not-a-uuid' },
    expected: [error('2058', 'id', 'Id must be a UUID.', { version: null })],
  },
  {
    name: 'enum',
    change: { role: 'root' },
    expected: [
      error('2015', 'role', 'Role must be one of the following values: admin, user.', { allowed: ['admin', 'user'] }),
    ],
  },
  {
    name: 'nested object',
    change: { profile: { links: [{ url: 'https://example.com' }, { url: 'nope' }] } },
    expected: [error('2057', 'profile.links.1.url', 'Profile.links.1.url must be a URL address.')],
  },
  {
    name: 'array item',
    change: { tags: ['x', 5] },
    expected: [error('2024', 'tags.1', 'Tags.1 must be a string.')],
  },
  {
    name: 'unknown key with a strict object',
    change: { extra: 1 },
    expected: [error('2002', 'extra', 'Property extra should not exist.')],
  },
  {
    name: 'union',
    change: { kind: true },
    expected: [error('2160', 'kind', 'Kind does not match any of the allowed types.')],
    except: {
      arktype: {
        why: "arktype reports a union of a literal and a type as one predicate ('a number or a string'), not as a union",
        expected: [error('2000', 'kind', 'Kind is invalid.')],
      },
    },
  },
  {
    name: 'custom refinement without a message',
    change: { nickname: ' ada' },
    expected: [error('2000', 'nickname', 'Nickname is invalid.')],
  },
  {
    name: 'custom refinement with its own code',
    change: { slug: 'Ada L' },
    expected: [error('6330', 'slug', 'Slug must be a slug.')],
  },
  {
    name: "custom refinement with the schema's own message",
    change: { confirm: 'other' },
    expected: [error('2000', 'confirm', 'Passwords must match.')],
  },
  {
    name: 'transform failure',
    change: { amount: 'twelve' },
    expected: [error('2000', 'amount', 'amount is not a number.')],
  },
];

/** The body of a case: the valid user with the case's keys changed or removed. */
export function caseBody(change: SchemaCase['change']): Record<string, unknown> {
  const body: Record<string, unknown> = { ...VALID_USER };
  for (const [key, value] of Object.entries(change)) {
    if (value === undefined) delete body[key];
    else body[key] = value;
  }
  return body;
}
