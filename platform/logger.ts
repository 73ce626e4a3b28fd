import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    name,
    level,
    // Personal data must never reach the logs through request headers.
    redact: { paths: ['req.headers.authorization', 'headers.authorization', '*.idNumber', '*.phone'], censor: '[redacted]' },
  });
}
