import { defineErrorCode } from './error-code.js';

// Server codes (5000-5999): errors the client cannot fix.

export const INTERNAL_ERROR = defineErrorCode(
  '5000',
  'INTERNAL_ERROR',
  500,
  'Something went wrong on our side. Quote the request id if you report it.',
  {
    details: '{ request_id: string }',
    description: 'Anything unexpected. The body says nothing about the cause; the log has it, with the stack.',
  },
);
export const SERVICE_UNAVAILABLE = defineErrorCode(
  '5003',
  'SERVICE_UNAVAILABLE',
  503,
  'The service is temporarily unavailable. Try again later.',
  { details: '{ request_id: string, retry_after_seconds: number }' },
);

export const SERVER_CODES = [INTERNAL_ERROR, SERVICE_UNAVAILABLE];
