import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { ContractValidationPipe, ContractValidationPipeOptions } from './validation.pipe.js';

class Address {
  @IsString()
  @Length(2, 20)
  city!: string;
}

class Person {
  @IsString()
  @Length(2, 20)
  name!: string;

  @IsOptional()
  @IsInt()
  age?: number;

  @IsOptional()
  @ValidateNested()
  @Type(() => Address)
  address?: Address;

  /** Becomes a Buffer on the way in: Nest's check for binary values in nested places answers it. */
  @IsOptional()
  @ValidateNested()
  @Transform(({ value }: { value: unknown }) => (value === 'binary' ? Buffer.from('x') : value))
  attachment?: unknown;
}

const body: ArgumentMetadata = { type: 'body', metatype: Person };

/** What a pipe answers: the value it returns, or the error objects it throws. */
async function outcome(pipe: ContractValidationPipe, value: unknown) {
  try {
    const result = await pipe.transform(value, body);
    return { result, same: result === value, instance: result instanceof Person };
  } catch (error) {
    return { errors: (error as { errors?: unknown }).errors ?? error };
  }
}

/**
 * The pipe validates a plain-data object itself, without Nest's transform, once Nest's
 * has run once: these cases send the same value through both and compare the answers.
 */
describe('ContractValidationPipe on a plain-data object', () => {
  const nestTransform = jest.spyOn(ValidationPipe.prototype, 'transform');
  afterAll(() => nestTransform.mockRestore());

  async function bothPaths(options: ContractValidationPipeOptions, json: string) {
    const first = new ContractValidationPipe(options);
    nestTransform.mockClear();
    const throughNest = await outcome(first, JSON.parse(json));
    expect(nestTransform).toHaveBeenCalledTimes(1);

    const warmed = new ContractValidationPipe(options);
    await warmed.transform({ name: 'warm' }, body);
    await new Promise((resolve) => setImmediate(resolve));
    nestTransform.mockClear();
    const ownPath = await outcome(warmed, JSON.parse(json));
    return { throughNest, ownPath, ownPathUsedNest: nestTransform.mock.calls.length > 0 };
  }

  it.each([
    ['a valid body, returned as it came', {}, '{"name":"Ada","age":36}'],
    ['a valid body with whitelist, copied without the unknown key', { whitelist: true }, '{"name":"Ada","extra":1}'],
    ['a valid body with transform, as an instance', { transform: true }, '{"name":"Ada","address":{"city":"Paris"}}'],
    ['violations at two levels', {}, '{"name":"A","age":"x","address":{"city":"P"}}'],
    ['an unknown key refused', { whitelist: true, forbidNonWhitelisted: true }, '{"name":"Ada","extra":1}'],
    ['a binary value made by a transform, in a nested place', {}, '{"name":"Ada","attachment":"binary"}'],
  ])('%s: the same answer as through Nest', async (_, options: ContractValidationPipeOptions, json: string) => {
    const { throughNest, ownPath, ownPathUsedNest } = await bothPaths(options, json);
    expect(ownPathUsedNest).toBe(false);
    expect(ownPath).toEqual(throughNest);
  });

  it('leaves a value Nest must clean to Nest, which strips its prototype keys', async () => {
    const { throughNest, ownPath, ownPathUsedNest } = await bothPaths({}, '{"name":"Ada","__proto__":{"age":"x"}}');
    expect(ownPathUsedNest).toBe(true);
    expect(ownPath).toEqual(throughNest);
    expect(ownPath).toMatchObject({ same: true, result: { name: 'Ada' } });
    expect(Object.hasOwn(ownPath.result as object, '__proto__')).toBe(false);
  });

  it('validates once Nest has loaded its packages, even when the first value had no class to validate', async () => {
    // A fresh copy of Nest's pipe module: its packages not loaded yet, as in a new process.
    let Pipe!: typeof ContractValidationPipe;
    jest.isolateModules(() => {
      ({ ContractValidationPipe: Pipe } = jest.requireActual<{ ContractValidationPipe: typeof ContractValidationPipe }>(
        './validation.pipe.js',
      ));
    });
    const pipe = new Pipe();
    await expect(pipe.transform('7', { type: 'param', metatype: String, data: 'id' })).resolves.toBe('7');
    await new Promise((resolve) => setImmediate(resolve));
    const failure: unknown = await pipe.transform({ name: 'A' }, body).catch((error: unknown) => error);
    expect((failure as { errors?: unknown[] }).errors).toHaveLength(1);
  });

  it('reads the options on every call: a subclass may change them after construction', async () => {
    class WhitelistingPipe extends ContractValidationPipe {
      constructor() {
        super();
        this.validatorOptions.whitelist = true;
      }
    }
    const pipe = new WhitelistingPipe();
    const answers = [];
    for (let call = 0; call < 3; call++) {
      answers.push(await pipe.transform(JSON.parse('{"name":"Ada","isAdmin":true}'), body));
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(answers).toEqual([{ name: 'Ada' }, { name: 'Ada' }, { name: 'Ada' }]);
  });

  it('picks up options changed between calls', async () => {
    const pipe = new ContractValidationPipe();
    const send = async () => {
      const result = await pipe.transform(JSON.parse('{"name":"Ada","isAdmin":true}'), body);
      await new Promise((resolve) => setImmediate(resolve));
      return result;
    };
    expect(await send()).toEqual({ name: 'Ada', isAdmin: true });
    expect(await send()).toEqual({ name: 'Ada', isAdmin: true });
    (pipe as unknown as { validatorOptions: Record<string, unknown> }).validatorOptions.whitelist = true;
    expect(await send()).toEqual({ name: 'Ada' });
  });
});
