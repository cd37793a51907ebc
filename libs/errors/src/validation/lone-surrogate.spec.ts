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

describe('the validation pipe on a lone surrogate (found by the fuzzer: a 500 before)', () => {
  const pipe = new ContractValidationPipe();
  const metadata = { type: 'body' as const, metatype: Signup };

  it("answers 400 on the field whose validator (validator.js's isEmail) threw a URIError", async () => {
    const failure = await pipe.transform({ email: '\ud800' }, metadata).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ValidationFailedException);
    expect((failure as ValidationFailedException).errors.map((item) => item.error)).toEqual([
      {
        message: 'The value of email contains a lone UTF-16 surrogate, which is not Unicode text.',
        error_code: '2000',
        field: 'email',
        details: null,
      },
    ]);
  });

  it('lets a lone surrogate pass where no validator chokes on it', async () => {
    await expect(pipe.transform({ email: 'a@example.com', links: [{ url: '\ud800' }] }, metadata)).resolves.toEqual(
      expect.objectContaining({ email: 'a@example.com' }),
    );
  });
});
