import { Controller, Get } from '@nestjs/common';

interface Settings {
  apiSecret: string;
}

@Controller('crash')
export class CrashController {
  /** A plain bug: reading a property of undefined throws a TypeError that must not leak. */
  @Get()
  crash(): string {
    const settings = undefined as unknown as Settings;
    return settings.apiSecret;
  }
}
