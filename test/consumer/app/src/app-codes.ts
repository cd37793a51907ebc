import { defineErrorCode } from 'nest-error-contract';

/** The app's own code (6000-9999), registered with ErrorsModule.forRoot({ codes }). */
export const USER_NOT_FOUND = defineErrorCode('6001', 'USER_NOT_FOUND', 404, 'No user has the id {id}.', {
  details: '{ id: number }',
});
