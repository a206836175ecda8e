/** An image the fuzz world made, sent by name so a counterexample stays short. */
export type ImageName = 'png' | 'jpeg' | 'webp' | 'gif' | 'truncatedPng' | 'hugePngHeader' | 'svg';

/**
 * A request body, described rather than spelt out, so fast-check prints a short counterexample:
 * `{ nested: 20000, kind: 'array' }` instead of forty thousand brackets.
 */
export type FuzzBody =
  | { readonly json: unknown }
  | { readonly text: string }
  | { readonly bytes: Uint8Array }
  | { readonly nested: number; readonly kind: 'array' | 'object'; readonly field?: string }
  | {
      readonly repeat: string;
      readonly times: number;
      readonly as: 'array' | 'string';
      readonly field?: string;
    }
  | { readonly image: ImageName };

/** One request the fuzz sends: what a hostile client controls, and who it claims to be. */
export interface FuzzRequest {
  readonly method: string;
  readonly path: string;
  /** Which of the world's callers sent it (its token is in `headers.authorization`). */
  readonly caller: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: FuzzBody;
}

function wrapIn(field: string | undefined, json: string): string {
  return field === undefined ? json : `{${JSON.stringify(field)}:${json}}`;
}

/** The bytes or text a body description stands for. */
export function materializeBody(
  body: FuzzBody,
  images: Readonly<Record<ImageName, Uint8Array>>,
): string | Uint8Array<ArrayBuffer> {
  if ('json' in body) return JSON.stringify(body.json) ?? 'null';
  if ('text' in body) return body.text;
  if ('bytes' in body) return new Uint8Array(body.bytes);
  if ('image' in body) return new Uint8Array(images[body.image]);
  if ('nested' in body) {
    const [open, close] = body.kind === 'array' ? ['[', ']'] : ['{"a":', '}'];
    return wrapIn(body.field, `${open.repeat(body.nested)}1${close.repeat(body.nested)}`);
  }
  const item = JSON.stringify(body.repeat);
  return wrapIn(
    body.field,
    body.as === 'array'
      ? `[${Array(body.times).fill(item).join(',')}]`
      : JSON.stringify(body.repeat.repeat(body.times)),
  );
}

/** The `Request` for a fuzz request (GET and HEAD never carry a body, as fetch insists). */
export function toRequest(request: FuzzRequest, images: Readonly<Record<ImageName, Uint8Array>>): Request {
  const carriesBody = request.body !== undefined && request.method !== 'GET' && request.method !== 'HEAD';
  return new Request(`http://localhost${request.path}`, {
    method: request.method,
    headers: request.headers,
    ...(carriesBody ? { body: materializeBody(request.body!, images) } : {}),
  });
}

/** The request as a person reads it: method, path, headers (tokens cut short) and the start of the body. */
export function describeRequest(request: FuzzRequest): string {
  const headers = Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [
      name,
      value.length > 80 ? `${value.slice(0, 60)}…(${value.length} chars)` : value,
    ]),
  );
  const body = request.body === undefined ? '' : ` body=${JSON.stringify(request.body).slice(0, 400)}`;
  return `${request.method} ${request.path} as ${request.caller} headers=${JSON.stringify(headers)}${body}`;
}
