import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsDefined,
  IsOptional,
  IsString,
  Validate,
  ValidateNested,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { ContractValidationPipe } from './validation.pipe.js';
import { ValidationFailedException } from './validation-failed.exception.js';

/** Counts every rule check run on a link: the work validation does for the items. */
let checks = 0;
@ValidatorConstraint({ name: 'countedCheck' })
class CountedCheck implements ValidatorConstraintInterface {
  validate(): boolean {
    checks++;
    return false;
  }
}

class Link {
  @IsDefined()
  @IsString()
  @Validate(CountedCheck)
  url!: string;

  @IsDefined()
  @IsString()
  label!: string;
}

class Profile {
  @IsOptional()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => Link)
  links?: Link[];
}

const body = { type: 'body' as const, metatype: Profile };

async function errorsOf(run: Promise<unknown>) {
  const failure = await run.catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(ValidationFailedException);
  return (failure as ValidationFailedException).errors.map((item) => item.error);
}

describe('the validation pipe bounds its work by the size of what it validates', () => {
  beforeEach(() => {
    checks = 0;
  });

  it('answers an array over maxArrayLength before any item is validated (33,000 items: no check run)', async () => {
    const links = Array.from({ length: 33_000 }, () => ({}));
    expect(await errorsOf(new ContractValidationPipe().transform({ links }, body))).toEqual([
      {
        message: 'Links must contain no more than 1000 items.',
        error_code: '2140',
        field: 'links',
        details: { max_items: 1000 },
      },
    ]);
    expect(checks).toBe(0);
  });

  it('takes its limit from maxArrayLength, in the body and in the query', async () => {
    const pipe = new ContractValidationPipe({ maxArrayLength: 10 });
    const links = Array.from({ length: 11 }, () => ({ url: 'u', label: 'l' }));
    expect(await errorsOf(pipe.transform({ links }, body))).toEqual([
      expect.objectContaining({ error_code: '2140', field: 'links', details: { max_items: 10 } }),
    ]);
    expect(checks).toBe(0);
    expect(
      await errorsOf(
        pipe.transform(Array.from({ length: 11 }, String), { type: 'query', data: 'ids', metatype: Array }),
      ),
    ).toEqual([expect.objectContaining({ error_code: '2140', field: 'ids', details: { max_items: 10 } })]);
  });

  it('answers an object of more keys than maxProperties before copying or validating it', async () => {
    const pipe = new ContractValidationPipe({ maxProperties: 50 });
    const links = [Object.fromEntries(Array.from({ length: 51 }, (_, index) => [`k${index}`, 1]))];
    expect(await errorsOf(pipe.transform({ links }, body))).toEqual([
      {
        message: 'Links.0 must have no more than 50 properties.',
        error_code: '2142',
        field: 'links.0',
        details: { max_properties: 50 },
      },
    ]);
    expect(checks).toBe(0);
  });

  it('within the limit, runs each item once and answers at most maxErrors objects', async () => {
    const links = Array.from({ length: 1000 }, () => ({}));
    const errors = await errorsOf(new ContractValidationPipe({ maxErrors: 50 }).transform({ links }, body));
    expect(checks).toBe(1000);
    expect(errors).toHaveLength(50);
    expect(errors[49]).toEqual(expect.objectContaining({ error_code: '2003', details: expect.any(Object) }));
  });
});

describe('the validation pipe with transform leaves number parameters to their own pipe', () => {
  const pipe = new ContractValidationPipe({ transform: true });
  const id = { type: 'param' as const, data: 'id', metatype: Number };

  it.each(['0x1', '1e0', '0b1', '0o1', ' 1', '1.0', '01', '-0', 'Infinity', ''])(
    'passes %j on as text',
    async (text) => {
      await expect(pipe.transform(text, id)).resolves.toBe(text);
    },
  );

  it.each([
    ['1', 1],
    ['-2', -2],
    ['3.25', 3.25],
  ])('turns the canonical %j into a number', async (text, number) => {
    await expect(pipe.transform(text, id)).resolves.toBe(number);
  });
});
