import { z } from 'zod';
import { ValidationFailedException } from '../validation-failed.exception.js';
import { ContractStandardSchemaPipe } from './standard-schema.pipe.js';

interface Tree {
  children: Tree[];
}

describe('ContractStandardSchemaPipe', () => {
  const pipe = new ContractStandardSchemaPipe();

  it('returns what the schema produced, and leaves parameters without a schema alone', async () => {
    const schema = z.object({ n: z.coerce.number() });
    await expect(pipe.transform({ n: '2' }, { type: 'query', schema })).resolves.toEqual({ n: 2 });
    await expect(pipe.transform('x', { type: 'body' })).resolves.toBe('x');
  });

  it('answers NESTING_TOO_DEEP when the schema library overflows the stack on a deep value', async () => {
    const tree: z.ZodType<Tree> = z.lazy(() => z.object({ children: z.array(tree) }));
    let deep: Tree = { children: [] };
    for (let level = 0; level < 50_000; level++) deep = { children: [deep] };
    const failure = await pipe.transform(deep, { type: 'body', schema: tree }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ValidationFailedException);
    expect((failure as ValidationFailedException).getResponse()).toEqual([
      {
        message: 'The request is nested too deeply to be validated.',
        error_code: '2004',
        field: null,
        details: null,
      },
    ]);
  });
});
