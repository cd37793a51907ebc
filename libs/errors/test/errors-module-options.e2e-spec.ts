import {
  ArgumentsHost,
  Body,
  Catch,
  Controller,
  ExceptionFilter,
  Get,
  Injectable,
  Module,
  NotFoundException,
  Post,
} from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  DomainErrors,
  ErrorTranslator,
  ErrorsModule,
  InvalidInputError,
  NotFoundError,
  defineErrorCode,
} from 'nest-error-contract';
import { ADAPTERS, createTestApp, expectContract, sendRaw } from '../../../test/support/test-app.js';

const ORDER_NOT_FOUND = defineErrorCode('6201', 'ORDER_NOT_FOUND', 404, 'No order has the id {id}.', {
  details: '{ id: number }',
});

@Controller('orders')
class OrdersController {
  @Get(':id')
  find() {
    throw new NotFoundError('order', { code: ORDER_NOT_FOUND, details: { id: 12 } });
  }
}

@Injectable()
class SettingsService {
  readonly requestIdHeader = 'x-correlation-id';
  readonly codes = [ORDER_NOT_FOUND];
}

@Module({ providers: [SettingsService], exports: [SettingsService] })
class SettingsModule {}

describe.each(ADAPTERS)('ErrorsModule.forRootAsync on %s', (adapter) => {
  it('takes its options from an injected provider', async () => {
    const app = await createTestApp(adapter, {
      imports: [
        ErrorsModule.forRootAsync({
          imports: [SettingsModule],
          inject: [SettingsService],
          useFactory: (settings: SettingsService) => ({
            codes: settings.codes,
            requestIdHeader: settings.requestIdHeader,
            database: false,
          }),
        }),
      ],
      controllers: [OrdersController],
    });
    try {
      const response = await app.http().get('/orders/12').set('X-Correlation-Id', 'corr-1');
      expect(response.status).toBe(404);
      expect(response.headers['x-correlation-id']).toBe('corr-1');
      expect(response.body).toEqual([
        { message: 'No order has the id 12.', error_code: '6201', field: null, details: { id: 12 } },
      ]);
    } finally {
      await app.close();
    }
  });
});

describe('the request id header of forRoot on Fastify', () => {
  it("also names the header of errors Fastify's router answers before any Nest hook", async () => {
    const app = await createTestApp('fastify', {
      imports: [ErrorsModule.forRoot({ requestIdHeader: 'X-Correlation-Id', database: false })],
      controllers: [OrdersController],
    });
    try {
      const response = await app.http().get('/orders/%E0%A4%A').set('X-Correlation-Id', 'corr-2');
      expect(response.status).toBe(400);
      expect(response.headers['x-correlation-id']).toBe('corr-2');
      expect(response.headers['x-request-id']).toBeUndefined();
      expect(response.body).toEqual([{ message: expect.any(String), error_code: '1008', field: null, details: null }]);
    } finally {
      await app.close();
    }
  });
});

describe('ErrorsModule start-up', () => {
  it('fails when the app registers one code twice, naming both', async () => {
    const twin = defineErrorCode('6201', 'INVOICE_NOT_FOUND', 404, 'x');
    await expect(
      Test.createTestingModule({
        imports: [ErrorsModule.forRoot({ codes: [ORDER_NOT_FOUND, twin], database: false })],
      }).compile(),
    ).rejects.toThrow('Error code 6201 is registered twice: as ORDER_NOT_FOUND and as INVOICE_NOT_FOUND.');
  });

  it('fails when an app code collides with a library code', async () => {
    const clash = defineErrorCode('1001', 'MY_ROUTE_MISSING', 404, 'x');
    await expect(
      Test.createTestingModule({ imports: [ErrorsModule.forRoot({ codes: [clash], database: false })] }).compile(),
    ).rejects.toThrow(/Error code 1001 is registered twice: as ROUTE_NOT_FOUND and as MY_ROUTE_MISSING/);
  });

  it.each([
    [1, 'ErrorsModule option domainErrors.maxErrors is 1; use an integer of at least 2.'],
    [2.5, 'ErrorsModule option domainErrors.maxErrors is 2.5; use an integer of at least 2.'],
    ['50', 'ErrorsModule option domainErrors.maxErrors is "50"; use an integer of at least 2.'],
  ])('fails on domainErrors.maxErrors %j', async (maxErrors, message) => {
    await expect(
      Test.createTestingModule({
        imports: [ErrorsModule.forRoot({ domainErrors: { maxErrors: maxErrors as number }, database: false })],
      }).compile(),
    ).rejects.toThrow(message);
  });

  it('fails on a misspelt domainErrors option rather than ignoring it', async () => {
    await expect(
      Test.createTestingModule({
        imports: [ErrorsModule.forRoot({ domainErrors: { maxError: 5 } as never, database: false })],
      }).compile(),
    ).rejects.toThrow('ErrorsModule option domainErrors has no "maxError"; use maxErrors.');
  });
});

/** A check that finds a problem per key of the client's object, as a service's would. */
@Controller('options')
class OptionsController {
  @Post()
  check(@Body() body: Record<string, unknown>) {
    const problems = DomainErrors.collect();
    for (const key of Object.keys(body)) {
      if (problems.full) break;
      problems.add(new InvalidInputError('Unknown option.', { field: key }));
    }
    problems.throwIfAny();
  }
}

describe.each(ADAPTERS)('domainErrors.maxErrors on %s', (adapter) => {
  const twenty = Object.fromEntries(Array.from({ length: 20 }, (_, index) => [`k${index}`, 0]));
  const unknown = (field: string) => ({ message: 'Unknown option.', error_code: '4000', field, details: null });

  it('cuts a DomainErrors answer at the cap the app sets, and reports that cap', async () => {
    const app = await createTestApp(adapter, {
      imports: [ErrorsModule.forRoot({ domainErrors: { maxErrors: 5 }, database: false })],
      controllers: [OptionsController],
    });
    try {
      const response = await app.http().post('/options').send(twenty);
      expect(response.status).toBe(400);
      // The loop stops once the collector is full: 6 errors built, 4 kept, 2 counted.
      expect(response.body).toEqual([
        ...['k0', 'k1', 'k2', 'k3'].map(unknown),
        {
          message: '2 more validation errors were left out.',
          error_code: '2003',
          field: null,
          details: { omitted: 2, max_errors: 5 },
        },
      ]);
    } finally {
      await app.close();
    }
  });

  it('is the default, 100, for an app that leaves the option out (after one that set it)', async () => {
    const app = await createTestApp(adapter, {
      imports: [ErrorsModule.forRoot({ database: false })],
      controllers: [OptionsController],
    });
    try {
      const response = await app.http().post('/options').send(twenty);
      expect(response.status).toBe(400);
      expect(response.body).toEqual(Object.keys(twenty).map(unknown));
    } finally {
      await app.close();
    }
  });
});

describe.each(ADAPTERS)('a plain app with only ErrorsModule.forRoot() on %s', (adapter) => {
  it('answers every error in the contract with no other set-up', async () => {
    const app = await createTestApp(adapter, { imports: [ErrorsModule.forRoot({ database: false })] });
    try {
      const response = await app.http().get('/anything');
      expect(response.status).toBe(404);
      expectContract(response);
    } finally {
      await app.close();
    }
  });
});

/** An app's own filter for Nest's NotFoundException, answering with a body of its own. */
@Catch(NotFoundException)
class AppNotFoundFilter implements ExceptionFilter {
  catch(exception: NotFoundException, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<{
      status?: (code: number) => { json: (body: unknown) => void };
      code?: (code: number) => { send: (body: unknown) => void };
    }>();
    const body = { seen_by: 'app filter', message: exception.message };
    if (response.code) response.code(404).send(body);
    else response.status!(404).json(body);
  }
}

@Controller('things')
class ThingsController {
  @Get('missing')
  missing() {
    throw new NotFoundException('No such thing');
  }

  @Get('there')
  there() {
    return { ok: true };
  }

  @Get('broken')
  broken(): never {
    throw new Error('bug');
  }

  @Post('echo')
  echo(@Body() body: unknown) {
    return { received: body };
  }
}

describe.each(ADAPTERS)('unknown routes on %s', (adapter) => {
  const start = (options: Parameters<typeof ErrorsModule.forRoot>[0]) =>
    createTestApp(
      adapter,
      { imports: [ErrorsModule.forRoot({ database: false, ...options })], controllers: [ThingsController] },
      { configure: (app) => app.useGlobalFilters(new AppNotFoundFilter()) },
    );

  it('are answered by the library by default, without running exception filters', async () => {
    const app = await start({});
    try {
      const unknown = await app.http().get('/no/such/route?token=x');
      expect(unknown.status).toBe(404);
      expect(expectContract(unknown)).toEqual([
        {
          message: 'No route matches GET /no/such/route.',
          error_code: '1001',
          field: null,
          details: { method: 'GET', path: '/no/such/route' },
        },
      ]);
      // The app's filter still gets what handlers throw.
      const thrown = await app.http().get('/things/missing');
      expect(thrown.body).toEqual({ seen_by: 'app filter', message: 'No such thing' });
    } finally {
      await app.close();
    }
  });

  it("reach the app's filters as Nest's NotFoundException with unknownRoutes: 'exception-filters'", async () => {
    const app = await start({ unknownRoutes: 'exception-filters' });
    try {
      const unknown = await app.http().post('/no/such/route');
      expect(unknown.status).toBe(404);
      expect(unknown.body).toEqual({ seen_by: 'app filter', message: 'Cannot POST /no/such/route' });
    } finally {
      await app.close();
    }
  });

  it("still reach the app's translators, as the NotFoundException Nest would throw", async () => {
    const seen: string[] = [];
    const recorder: ErrorTranslator = (exception) => {
      if (exception instanceof NotFoundException) seen.push(exception.message);
      return undefined;
    };
    const app = await createTestApp(adapter, {
      imports: [ErrorsModule.forRoot({ database: false, translators: [recorder] })],
    });
    try {
      const unknown = await app.http().delete('/nowhere');
      expect(unknown.status).toBe(404);
      expect(expectContract(unknown)[0].error_code).toBe('1001');
      expect(seen).toEqual(['Cannot DELETE /nowhere']);
    } finally {
      await app.close();
    }
  });
});

describe.each(ADAPTERS)('requestIdOnSuccess: false on %s', (adapter) => {
  it('leaves the id off successful responses and still puts it on every error, in the body of a 500 too', async () => {
    const app = await createTestApp(adapter, {
      imports: [ErrorsModule.forRoot({ database: false, requestIdOnSuccess: false, logger: silentLogger() })],
      controllers: [ThingsController],
    });
    try {
      const success = await app.http().get('/things/there').set('X-Request-Id', 'abc');
      expect(success.status).toBe(200);
      expect(success.headers['x-request-id']).toBeUndefined();

      const echoed = await app.http().get('/things/missing').set('X-Request-Id', 'abc');
      expect(echoed.status).toBe(404);
      expect(echoed.headers['x-request-id']).toBe('abc');

      const generated = await app.http().get('/things/broken');
      expect(generated.status).toBe(500);
      const id = generated.headers['x-request-id'];
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(expectContract(generated)[0].details).toEqual({ request_id: id });

      const unknown = await app.http().get('/nowhere').set('X-Request-Id', 'has space');
      expect(unknown.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await app.close();
    }
  });
});

describe.each(ADAPTERS)('bodyChecks on %s', (adapter) => {
  const invalidUtf8 = Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);

  it('are on by default: 400 for invalid UTF-8, 415 for another media type', async () => {
    const app = await createTestApp(adapter, {
      imports: [ErrorsModule.forRoot({ database: false })],
      controllers: [ThingsController],
    });
    try {
      const broken = await sendRaw(app, 'POST', '/things/echo', { 'content-type': 'application/json' }, invalidUtf8);
      expect(broken.status).toBe(400);
      expect((broken.body as Array<{ error_code: string }>)[0].error_code).toBe('1005');
      const xml = await app.http().post('/things/echo').set('content-type', 'text/xml').send('<a>1</a>');
      expect(xml.status).toBe(415);
    } finally {
      await app.close();
    }
  });

  it('are left out with bodyChecks: false (the handler gets what the parser made of the body)', async () => {
    const app = await createTestApp(adapter, {
      imports: [ErrorsModule.forRoot({ database: false, bodyChecks: false })],
      controllers: [ThingsController],
    });
    try {
      const broken = await sendRaw(app, 'POST', '/things/echo', { 'content-type': 'application/json' }, invalidUtf8);
      expect(broken.status).toBe(201);
      expect(broken.body).toEqual({ received: { name: '\ufffd\ufffd' } });
      const xml = await app.http().post('/things/echo').set('content-type', 'text/xml').send('<a>1</a>');
      // Express has no parser for it and passes no body; Fastify refuses the type itself.
      if (adapter === 'express') expect(xml.status).toBe(201);
      else expect(expectContract(xml)[0].error_code).toBe('1004');
    } finally {
      await app.close();
    }
  });
});

function silentLogger() {
  return { log() {}, warn() {}, error() {} };
}
