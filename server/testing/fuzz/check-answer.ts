import { ERROR_CODES, isErrorCode } from '../../vocabulary/index.js';
import { describeRequest, type FuzzRequest } from './fuzz-request.js';

/** What is wrong with an answer to `request`, or null: the property every route must keep. */
function findProblem(request: FuzzRequest, response: Response, text: string): string | null {
  const { status } = response;
  if (status >= 500) return `a ${status}`;
  const type = response.headers.get('content-type') ?? '';
  const isJson = type.startsWith('application/json');
  const hasBody = text.length > 0;
  if (status >= 200 && status < 300) {
    if (!isJson || !hasBody) return null;
    try {
      JSON.parse(text);
      return null;
    } catch {
      return `a ${status} whose JSON does not parse`;
    }
  }
  if (status === 304) return hasBody ? 'a 304 with a body' : null;
  if (!isJson) return `a ${status} that is not JSON (${type || 'no content type'})`;
  // HEAD answers carry the headers of the error, never its body.
  if (request.method === 'HEAD' && !hasBody) return null;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `a ${status} whose JSON does not parse`;
  }
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (typeof body !== 'object' || body === null || Object.keys(body).join() !== 'error' || !error)
    return `a ${status} that is not { error: { code, message } }`;
  if (typeof error.code !== 'string' || !isErrorCode(error.code))
    return `a ${status} with an error code outside ERROR_CODES: ${JSON.stringify(error.code)}`;
  if (typeof error.message !== 'string' || error.message.length === 0)
    return `a ${status} ${error.code} without a message`;
  if (ERROR_CODES[error.code].status !== status)
    return `a ${status} with ${error.code}, whose status is ${ERROR_CODES[error.code].status}`;
  return null;
}

/** `400 INVALID_INPUT`, `202`: how a request ended, for the tally of a run. */
function outcomeOf(status: number, text: string): string {
  const code =
    status >= 400 && text ? (JSON.parse(text) as { error: { code: string } }).error.code : undefined;
  return code ? `${status} ${code}` : String(status);
}

/**
 * Reads the answer (an event stream is aborted at once, its status is all that counts) and throws
 * a readable error when it breaks the property: below 500, errors in the API's one shape, JSON
 * that parses. `log` is what the server logged meanwhile, shown with a failure. Returns the outcome.
 */
export async function checkAnswer(
  request: FuzzRequest,
  response: Response,
  log: () => string,
): Promise<string> {
  const streaming = response.headers.get('content-type')?.startsWith('text/event-stream') ?? false;
  if (streaming) await response.body?.cancel();
  const text = streaming ? '' : await response.text();
  const problem = findProblem(request, response, text);
  if (problem === null) return outcomeOf(response.status, text);
  throw new Error(
    [
      `${describeRequest(request)}`,
      `  was answered with ${problem}: ${text.slice(0, 500)}`,
      `  server log: ${log().slice(0, 2000) || '(nothing)'}`,
    ].join('\n'),
  );
}
