import { INestApplication } from '@nestjs/common';

/** Every route is under this prefix. */
export const API_PREFIX = 'api/v0';

/** What main.ts and the tests both apply to the Nest application before init. */
export function configureApp(app: INestApplication): INestApplication {
  app.setGlobalPrefix(API_PREFIX);
  return app;
}
