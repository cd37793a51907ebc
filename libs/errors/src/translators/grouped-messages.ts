/** One message of Nest's grouped validation answer, with the path it was grouped under. */
export interface GroupedMessage {
  readonly field: string;
  readonly message: string;
}

/**
 * The messages of a stock `ValidationPipe({ errorFormat: 'grouped' })` answer: its
 * `message` is an object from dot-path (`profile.links.0.url`) to that path's messages.
 * `"..."` is Nest's note that messages were left out, not a path. At most `limit`
 * messages are read; `undefined` when the response is not grouped.
 */
export function groupedMessages(response: string | object, limit: number): GroupedMessage[] | undefined {
  if (typeof response !== 'object' || response === null || response instanceof Error) return undefined;
  const message = (response as { message?: unknown }).message;
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return undefined;
  const result: GroupedMessage[] = [];
  for (const [path, messages] of Object.entries(message as Record<string, unknown>)) {
    for (const text of Array.isArray(messages) ? messages : [messages]) {
      if (result.length >= limit) return result;
      if (typeof text !== 'string' || text.trim() === '') continue;
      result.push({ field: path === '...' || path === '' ? '' : path, message: text });
    }
  }
  return result;
}
