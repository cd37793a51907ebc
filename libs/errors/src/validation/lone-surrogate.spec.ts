import { Type } from 'class-transformer';
import { IsEmail, IsOptional, IsString, ValidateNested } from 'class-validator';
import { fieldWithLoneSurrogate } from './lone-surrogate.js';
import { ContractValidationPipe } from './validation.pipe.js';
import { ValidationFailedException } from './validation-failed.exception.js';

describe('fieldWithLoneSurrogate', () => {
  it('names the first string (value or key) that holds a lone surrogate, as the flattener names fields', () => {
    expect(fieldWithLoneSurrogate({ email: 'a@b.c', profile: { links: [{ url: 'x' }, { url: 'y\ud800' }] } })).toBe(
      'profile.links.1.url',
    );
    expect(fieldWithLoneSurrogate({ values: { 'k\udc00': 1 } })).toBe('values.k\udc00');
    expect(fieldWithLoneSurrogate('\ud800')).toBeNull();
    // A pair is a character, not a lone surrogate.
    expect(fieldWithLoneSurrogate({ name: '😀', other: [1, null, true] })).toBeUndefined();
  });

  it('walks any nesting without recursion', () => {
    let deep: unknown = '\ud800';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(fieldWithLoneSurrogate(deep)).toBe(`${'0.'.repeat(99_999)}0`);
  });
});

class Link {
  @IsString()
  url!: string;
}

class Signup {
  @IsEmail()
  email!: string;

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => Link)
  links?: Link[];
}

describe('the validation pipe on a lone surrogate (a 500 once; then stored as U+FFFD on some fields)', () => {
  const pipe = new ContractValidationPipe();
  const metadata = { type: 'body' as const, metatype: Signup };
  const errorsOf = async (run: Promise<unknown>) => {
    const failure = await run.catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ValidationFailedException);
    return (failure as ValidationFailedException).errors.map((item) => item.error);
  };

  it('refuses it on any field, naming the field, before any validator runs', async () => {
    expect(await errorsOf(pipe.transform({ email: '\ud800' }, metadata))).toEqual([
      {
        message: 'Email contains a lone UTF-16 surrogate, which is not Unicode text.',
        error_code: '2141',
        field: 'email',
        details: null,
      },
    ]);
    // A field no validator chokes on is refused the same way (it was let through).
    expect(await errorsOf(pipe.transform({ email: 'a@example.com', links: [{ url: '\ud800' }] }, metadata))).toEqual([
      expect.objectContaining({ error_code: '2141', field: 'links.0.url' }),
    ]);
  });

  it('refuses it in a key, a query value and a path parameter', async () => {
    expect(await errorsOf(pipe.transform({ email: 'a@example.com', ['k\udc00']: 1 }, metadata))).toEqual([
      expect.objectContaining({ error_code: '2141', field: 'k\udc00' }),
    ]);
    expect(await errorsOf(pipe.transform('x\udbff', { type: 'param', data: 'slug', metatype: String }))).toEqual([
      expect.objectContaining({ error_code: '2141', field: 'slug' }),
    ]);
    expect(await errorsOf(pipe.transform({ q: ['a', '\ud800'] }, { type: 'query', metatype: Object }))).toEqual([
      expect.objectContaining({ error_code: '2141', field: 'q.1' }),
    ]);
  });

  it('lets a surrogate pair (one character) through', async () => {
    await expect(pipe.transform({ email: 'a@example.com', links: [{ url: '😀' }] }, metadata)).resolves.toEqual(
      expect.objectContaining({ email: 'a@example.com' }),
    );
  });
});
