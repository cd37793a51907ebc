import { Body, Controller, DynamicModule, Get, HttpCode, Inject, Module, Post, ValidationPipe } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsArray, IsInt, ValidateNested } from 'class-validator';
import {
  ContractValidationPipe,
  DomainError,
  ErrorCode,
  ErrorsModule,
  ErrorsModuleOptions,
  defineErrorCode,
} from 'nest-error-contract';
import { SilentLogger } from './apps';

/**
 * The apps of `npm run bench:scale`: one route whose body yields as many violations as
 * it has items, and one whose service throws an app code out of a registry of a given
 * size.
 */
export class ScaleItem {
  @IsInt()
  n!: number;
}

export class ScaleItemsDto {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ScaleItem)
  items!: ScaleItem[];
}

/** A body with `count` items, each breaking one rule (`n` is not an integer): `count` violations. */
export const itemsBody = (count: number): string =>
  JSON.stringify({ items: Array.from({ length: count }, () => ({ n: 'x' })) });

/**
 * The pipes are on the parameter, not global, so ours can also run with the cap lifted
 * beside the default one (a global pipe would answer first). Ours: the library's pipe
 * with its default `maxErrors` and with `maxErrors: UNCAPPED`; stock: Nest's ValidationPipe.
 */
export const UNCAPPED = 1000;

@Controller('scale')
export class OursItemsController {
  @Post('items')
  @HttpCode(201)
  create(@Body(new ContractValidationPipe()) dto: ScaleItemsDto) {
    return { count: dto.items.length };
  }

  @Post('items-uncapped')
  @HttpCode(201)
  createUncapped(@Body(new ContractValidationPipe({ maxErrors: UNCAPPED })) dto: ScaleItemsDto) {
    return { count: dto.items.length };
  }
}

@Controller('scale')
export class StockItemsController {
  @Post('items')
  @HttpCode(201)
  create(@Body(new ValidationPipe()) dto: ScaleItemsDto) {
    return { count: dto.items.length };
  }
}

/** `count` app codes, 6000 upwards, with their German messages (the second locale). */
export function appCodes(count: number): { codes: ErrorCode[]; messages: ErrorsModuleOptions['messages'] } {
  const codes: ErrorCode[] = [];
  const german: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const code = String(6000 + i);
    codes.push(defineErrorCode(code, `APP_ERROR_${i}`, 404, `Item {id} of kind ${i} does not exist.`));
    german[code] = `Element {id} der Art ${i} existiert nicht.`;
  }
  return { codes, messages: { de: { codes: german } } };
}

/** The most app codes a registry can hold: the application range is 6000-9999. */
export const MOST_APP_CODES = 4000;

const THROWN_CODE = Symbol('THROWN_CODE');

@Controller('scale')
export class RegistryController {
  constructor(@Inject(THROWN_CODE) private readonly code: ErrorCode) {}

  /** A service's app-code error with a detail its message reads. */
  @Get('code')
  find(): never {
    throw new DomainError(this.code, { details: { id: 42 } });
  }
}

@Module({})
export class ScaleModule {
  /** Ours: ErrorsModule with the given app codes and messages (none by default); stock: Nest alone. */
  static register(options: {
    variant: 'ours' | 'stock';
    logger: SilentLogger;
    registry?: ReturnType<typeof appCodes>;
  }): DynamicModule {
    if (options.variant === 'stock') return { module: ScaleModule, controllers: [StockItemsController] };
    const { codes, messages } = options.registry ?? { codes: [], messages: undefined };
    return {
      module: ScaleModule,
      imports: [ErrorsModule.forRoot({ logger: options.logger, database: false, codes, messages })],
      controllers: codes.length > 0 ? [OursItemsController, RegistryController] : [OursItemsController],
      // The last code registered: a registry that searched would search longest for it.
      providers: codes.length > 0 ? [{ provide: THROWN_CODE, useValue: codes[codes.length - 1] }] : [],
    };
  }
}
