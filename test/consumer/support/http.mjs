import assert from 'node:assert/strict';

/** What the library sends back as a request id when the client sent none. */
export const GENERATED_REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/u;

/** Sends one request; the answer's body is parsed when it is JSON. */
export async function send(baseUrl, method, path, { headers = {}, body } = {}) {
  const response = await fetch(new URL(path, baseUrl), { method, headers, body });
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  return {
    status: response.status,
    contentType,
    requestId: response.headers.get('x-request-id'),
    text,
    body: contentType.startsWith('application/json') ? JSON.parse(text) : text,
  };
}

export function sendJson(baseUrl, method, path, value) {
  return send(baseUrl, method, path, { headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });
}

/**
 * Asserts an error answer exactly: its status and its whole body, as JSON, with the
 * content type and request id header every answer of the contract carries.
 */
export function assertContractAnswer(answer, status, body) {
  assert.deepEqual({ status: answer.status, body: answer.body }, { status, body });
  assert.equal(answer.contentType, 'application/json; charset=utf-8');
  assert.match(answer.requestId ?? '', /^[A-Za-z0-9._:-]{1,128}$/u);
}
