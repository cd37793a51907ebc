import { ErrorCode } from '@app/errors';

// The sample app's own codes (application range 6000-9999), registered through
// ErrorsModule.forRoot({ codes: APP_ERROR_CODES }). Filled in by the sample app.
export const APP_ERROR_CODES: readonly ErrorCode[] = [];
