import { Controller, Get, Module } from '@nestjs/common';
import { ErrorsModule } from '@app/errors';
import { APP_ERROR_CODES } from './errors/app-error-codes';

@Controller('api/v0')
class HealthController {
  @Get('health')
  health() {
    return { status: 'ok' };
  }
}

@Module({
  imports: [ErrorsModule.forRoot({ codes: APP_ERROR_CODES, database: false })],
  controllers: [HealthController],
})
export class AppModule {}
