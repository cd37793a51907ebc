import { Controller, Get, Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ErrorsModule, NotFoundError, defineErrorCode } from 'nest-error-contract';
import { ADAPTERS, createTestApp, expectContract } from './support/test-app';

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
