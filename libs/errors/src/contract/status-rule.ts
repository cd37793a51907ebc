/**
 * One response, several errors: all the same status -> that status; all 4xx but
 * different -> 400; any 5xx -> 500 (the contract's status rule).
 */
export function responseStatus(statuses: readonly number[]): number {
  if (statuses.length === 0) return 500;
  const first = statuses[0];
  if (statuses.every((status) => status === first)) return first;
  if (statuses.some((status) => status >= 500)) return 500;
  return 400;
}

/** The status of a response carrying these errors: the rule above, without a list for the usual single error. */
export function statusOf(errors: readonly { status: number }[]): number {
  return errors.length === 1 ? errors[0].status : responseStatus(errors.map((item) => item.status));
}
