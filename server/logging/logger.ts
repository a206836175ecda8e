import { pino } from 'pino';
import { createSecretRedactor } from './secret-redactor.js';
import { safeErrorMessage, serializeError } from './serialize-error.js';

export type Logger = pino.Logger;

/** Field names whose values never reach a log line, wherever they sit in the object. */
const SECRET_FIELDS = [
  'apiKey',
  'authorization',
  'token',
  'password',
  'secret',
  'serviceRoleKey',
  'extensionSecret',
  'clientSecret',
  'signature',
  // A Twitch user token in a field, wherever it ends up (twurple's `AccessToken` uses these names).
  'accessToken',
  'refreshToken',
];

export interface LoggerOptions {
  /** Values cut out of every line, whatever field or error carries them (see `createSecretRedactor`). */
  readonly secrets?: Iterable<string | undefined>;
  /** Where lines go; stdout when left out. */
  readonly destination?: pino.DestinationStream;
}

const isDestination = (value: LoggerOptions | pino.DestinationStream): value is pino.DestinationStream =>
  typeof (value as { write?: unknown }).write === 'function';

/**
 * A structured logger (one JSON line per event). Secrets are cut out of the finished line, so no
 * field, message, stack or cause gets past; errors are logged with their causes and without a
 * query's bound values. Child loggers share both.
 */
export function createLogger(level: string, options: LoggerOptions | pino.DestinationStream = {}): Logger {
  const { secrets = [], destination } = isDestination(options) ? { destination: options } : options;
  const redact = createSecretRedactor(secrets);
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
        censor: '[redacted]',
      },
      serializers: { err: serializeError, error: serializeError },
      hooks: {
        // pino takes an error's own message when none is given; a query error's carries its values.
        logMethod(args, method) {
          const [first] = args as unknown[];
          const fields = first as { err?: unknown; msg?: unknown } | null;
          const err = first instanceof Error ? first : fields?.msg === undefined ? fields?.err : undefined;
          if (args.length === 1 && err instanceof Error && safeErrorMessage(err) !== err.message) {
            return method.call(this, first as object, safeErrorMessage(err));
          }
          return method.apply(this, args);
        },
        streamWrite: redact,
      },
    },
    destination,
  );
}
