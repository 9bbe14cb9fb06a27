// Structured JSON logs (pino). Secrets are redacted by path, and any connection string is stripped
// of its password before it is logged, so a token, key or DATABASE_URL never reaches a log file.

import pino, { type Logger } from 'pino';

export const REDACT_PATHS = [
  'token', '*.token', 'authorization', '*.authorization', 'headers.authorization', 'headers.cookie',
  'password', '*.password', 'secret', '*.secret', 'S3_SECRET_KEY', '*.S3_SECRET_KEY', 'S3_ACCESS_KEY', '*.S3_ACCESS_KEY',
  'accessKey', '*.accessKey', 'secretKey', '*.secretKey', 'SUBSCRIPTIONS_TOKENS', '*.SUBSCRIPTIONS_TOKENS', 'SYNTHFLUX_TOKEN', '*.SYNTHFLUX_TOKEN',
];

/** `scheme://user:password@host` with the password replaced, inside any string. */
export function redactUrlCredentials(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/[^:/@\s]+):[^@\s]+@/gi, '$1:***@');
}

export function createLogger(service: string, opts: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  return pino(
    {
      base: { service },
      level: opts.level ?? process.env.LOG_LEVEL ?? 'info',
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        // Messages and error texts may quote a connection string (a Prisma or pg error does).
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? redactUrlCredentials(a) : a)) as Parameters<typeof method>);
        },
      },
      serializers: { err: (err: Error) => ({ type: err.name, message: redactUrlCredentials(err.message) }) },
    },
    opts.destination,
  );
}

export type { Logger };
