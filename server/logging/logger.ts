import { pino } from 'pino';

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
];

/** A structured logger (one JSON line per event) that redacts secrets by field name. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
        censor: '[redacted]',
      },
    },
    destination,
  );
}
