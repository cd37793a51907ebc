/**
 * pg and pg-pool's own wording when a connection cannot be made, dies, is closed, or
 * does not answer in time. These errors carry no code, so each gets the SQLSTATE that
 * says the same thing: 08006 connection_failure, 08003 connection_does_not_exist (the
 * app closed its pool or client, as it does while shutting down), 57014 query_canceled
 * (pg's client-side `query_timeout` gave up waiting for the answer).
 */
export const PG_MESSAGE_SQLSTATES: ReadonlyMap<string, string> = new Map([
  ['timeout exceeded when trying to connect', '08006'],
  ['Connection terminated unexpectedly', '08006'],
  ['Connection terminated due to connection timeout', '08006'],
  ['Client has encountered a connection error and is not queryable', '08006'],
  ['Connection terminated', '08003'],
  ['Client was closed and is not queryable', '08003'],
  ['Cannot use a pool after calling end on the pool', '08003'],
  ['Query read timeout', '57014'],
]);
