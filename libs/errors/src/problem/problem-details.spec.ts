import { ErrorWithStatus } from '../contract/api-error.js';
import { toProblemDetails } from './problem-details.js';

const error = (code: string, status: number): ErrorWithStatus => ({
  status,
  error: { message: `Message ${code}.`, error_code: code, field: null, details: null },
});
const titles = new Map([
  ['6001', 'FIRST'],
  ['6002', 'SECOND'],
]);
const titleOf = (code: string) => titles.get(code) ?? 'UNKNOWN';
const problem = (errors: ErrorWithStatus[], status: number, requestId = 'req-1') =>
  toProblemDetails(
    errors,
    errors.map((item) => item.error),
    status,
    requestId,
    'https://example.com/problems#',
    titleOf,
  );

describe('toProblemDetails', () => {
  it('describes one error', () => {
    expect(problem([error('6001', 409)], 409)).toEqual({
      type: 'https://example.com/problems#6001',
      title: 'FIRST',
      status: 409,
      detail: 'Message 6001.',
      request_id: 'req-1',
      errors: [error('6001', 409).error],
    });
  });

  it('makes the first error with the response status the main one', () => {
    expect(problem([error('6001', 409), error('6002', 400)], 400)).toMatchObject({
      type: expect.stringMatching(/6002$/),
      status: 400,
    });
    expect(problem([error('6001', 404), error('6002', 409)], 400)).toMatchObject({ title: 'FIRST', status: 400 });
    expect(problem([error('6001', 400), error('6002', 503)], 500)).toMatchObject({ title: 'SECOND', status: 500 });
  });

  it('names a UUID request id as the instance, nothing else', () => {
    const id = '3F0C1A52-5C0E-4D8E-9A55-2A4B1F0E6C11';
    expect(problem([error('6001', 409)], 409, id).instance).toBe('urn:uuid:3f0c1a52-5c0e-4d8e-9a55-2a4b1f0e6c11');
    expect(problem([error('6001', 409)], 409, 'client:42')).not.toHaveProperty('instance');
  });
});
