import { Controller, Get, LoggerService } from '@nestjs/common';
import { ErrorsModule } from 'nest-error-contract';
import { createTestApp } from '../../../test/support/test-app.js';

// An app without TypeORM installed: `import('typeorm')` fails as it would there.
jest.mock('typeorm', () => {
  throw new Error("Cannot find module 'typeorm'");
});

@Controller('things')
class ThingsController {
  @Get()
  list() {
    throw new TypeError('boom');
  }
}

describe('ErrorsModule in an app without TypeORM', () => {
  it('starts, says once what to do about the missing package, and still answers in the contract', async () => {
    const lines: { level: string; message: string }[] = [];
    const record =
      (level: string) =>
      (message: unknown): void => {
        lines.push({ level, message: String(message) });
      };
    const logger: LoggerService = { log: record('log'), warn: record('warn'), error: record('error') };
    const app = await createTestApp('express', {
      imports: [ErrorsModule.forRoot({ logger })],
      controllers: [ThingsController],
    });
    try {
      const startup = lines.filter((line) => line.message.includes('TypeORM could not be loaded'));
      expect(startup).toHaveLength(1);
      expect(startup[0].message).toContain("Cannot find module 'typeorm'");
      expect(startup[0].message).toContain('`database: false`');
      const response = await app.http().get('/things');
      expect(response.status).toBe(500);
      expect(response.body[0].error_code).toBe('5000');
      expect(lines.filter((line) => line.message.includes('TypeORM could not be loaded'))).toHaveLength(1);
    } finally {
      await app.close();
    }
  });
});
