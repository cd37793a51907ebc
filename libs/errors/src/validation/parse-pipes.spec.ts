import { ArgumentMetadata, BadRequestException } from '@nestjs/common';
import {
  ContractParseArrayPipe,
  ContractParseBoolPipe,
  ContractParseDatePipe,
  ContractParseEnumPipe,
  ContractParseIntPipe,
  ContractParseUUIDPipe,
} from './parse-pipes.js';
import { ValidationFailedException } from './validation-failed.exception.js';

const param = (data: string): ArgumentMetadata => ({ type: 'param', data });

async function failureOf(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error instanceof ValidationFailedException ? error.errors.map((item) => item.error) : error;
  }
  throw new Error('expected a failure');
}

describe('parse pipes', () => {
  it('name the parameter and use the rule code', async () => {
    expect(await failureOf(() => new ContractParseIntPipe().transform('1.5', param('id')))).toEqual([
      { message: 'Id must be an integer number.', error_code: '2023', field: 'id', details: null },
    ]);
    expect(await failureOf(() => new ContractParseBoolPipe().transform('maybe', param('on')))).toEqual([
      { message: 'On must be a boolean value.', error_code: '2020', field: 'on', details: null },
    ]);
    expect(await failureOf(() => new ContractParseUUIDPipe().transform('x', param('id')))).toEqual([
      { message: 'Id must be a UUID.', error_code: '2058', field: 'id', details: { version: null } },
    ]);
    enum Size {
      Small = 1,
      Large = 2,
    }
    expect(await failureOf(() => new ContractParseEnumPipe(Size).transform('3', param('size')))).toEqual([
      {
        message: 'Size must be one of the following values: 1, 2.',
        error_code: '2017',
        field: 'size',
        details: { allowed: [1, 2] },
      },
    ]);
    expect(await failureOf(() => new ContractParseArrayPipe().transform(5, param('ids')))).toEqual([
      { message: 'Ids must be an array.', error_code: '2025', field: 'ids', details: null },
    ]);
    expect(await failureOf(() => new ContractParseDatePipe().transform('', param('since')))).toEqual([
      { message: 'Since should not be null or undefined.', error_code: '2010', field: 'since', details: null },
    ]);
  });

  it.each(['0x1', '1e0', '0b1', '0o1', ' 1', '1 ', '1.0', '01', '+1', '-0', '00', '9007199254740993', ''])(
    'ContractParseIntPipe refuses %j: one integer has one spelling',
    async (text) => {
      expect(await failureOf(() => new ContractParseIntPipe().transform(text, param('id')))).toEqual([
        { message: 'Id must be an integer number.', error_code: '2023', field: 'id', details: null },
      ]);
    },
  );

  it('ContractParseIntPipe accepts canonical integers, as text or as safe numbers', async () => {
    const pipe = new ContractParseIntPipe();
    for (const [input, expected] of [
      ['1', 1],
      ['0', 0],
      ['-17', -17],
      ['2147483647', 2147483647],
      ['9007199254740991', 9007199254740991],
      [42, 42],
    ] as const) {
      expect(await pipe.transform(input, param('id'))).toBe(expected);
    }
    expect(await failureOf(() => pipe.transform(1.5, param('id')))).toEqual([
      { message: 'Id must be an integer number.', error_code: '2023', field: 'id', details: null },
    ]);
  });

  it('report a missing value as IS_DEFINED', async () => {
    expect(await failureOf(() => new ContractParseIntPipe().transform(undefined, param('page')))).toEqual([
      { message: 'Page should not be null or undefined.', error_code: '2010', field: 'page', details: null },
    ]);
  });

  it('keep a custom exceptionFactory and pass valid values through', async () => {
    const custom = new BadRequestException('mine');
    expect(
      await failureOf(() => new ContractParseIntPipe({ exceptionFactory: () => custom }).transform('x', param('id'))),
    ).toBe(custom);
    await expect(new ContractParseIntPipe().transform('42', param('id'))).resolves.toBe(42);
    await expect(
      new ContractParseIntPipe({ optional: true }).transform(undefined, param('id')),
    ).resolves.toBeUndefined();
  });
});
