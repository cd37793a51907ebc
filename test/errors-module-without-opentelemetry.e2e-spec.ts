import { Controller, Get } from '@nestjs/common';
import { ErrorsModule } from 'nest-error-contract';
import { ADAPTERS, createTestApp, expectContract } from './support/test-app';

// An app without @opentelemetry/api installed: `import('@opentelemetry/api')` fails as it
// would there. The library starts and answers as usual, recording nothing.
jest.mock('@opentelemetry/api', () => {
  throw new Error("Cannot find module '@opentelemetry/api'");
});

@Controller('things')
class ThingsController {
  @Get()
  list(): never {
    throw new TypeError('boom');
  }
}

describe.each(ADAPTERS)('ErrorsModule in an app without @opentelemetry/api (%s)', (adapter) => {
  it('starts and answers errors in the contract', async () => {
    const app = await createTestApp(adapter, {
      imports: [ErrorsModule.forRoot({ database: false })],
      controllers: [ThingsController],
    });
    try {
      const failed = await app.http().get('/things').expect(500);
      expect(expectContract(failed).map((error) => error.error_code)).toEqual(['5000']);
      const unknown = await app.http().get('/nowhere').expect(404);
      expect(expectContract(unknown).map((error) => error.error_code)).toEqual(['1001']);
    } finally {
      await app.close();
    }
  });
});
