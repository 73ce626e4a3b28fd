import { z } from 'zod';

/**
 * What every layer shares about configuration: the error that names a bad
 * variable, how an entry point reports one, and the value types variables
 * are read as. The environment itself is read and checked in one place,
 * hub/env.ts; each module below the hub reads its own part of it through a
 * type of its own, which hub/env.ts's `Env` fills.
 */

export class EnvError extends Error {}

export const port = z.coerce.number().int().min(0).max(65535);
export const optionalUrl = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .pipe(z.url().optional())
  .optional();
export const optionalPath = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/**
 * What every module that reads settings of its own may rely on: whether this
 * is a production deployment (no development keys, no plain http), and the
 * data folder development keys and embedded databases go under.
 */
export interface DeploymentEnv {
  NODE_ENV: string;
  HUB_DATA_DIR: string;
}

/**
 * For entry points: a configuration mistake found after the environment was
 * read (a database URL missing in production) still ends the process with one
 * line naming the variable, not a stack trace.
 */
let exitsOnConfigurationError = false;

export function exitOnConfigurationError(): void {
  // An entry point may load another that says the same (the gateway's cluster runs its single process): one line is said once.
  if (exitsOnConfigurationError) return;
  exitsOnConfigurationError = true;
  process.on('uncaughtException', (error) => {
    process.stderr.write(error instanceof EnvError ? `${error.message}\n` : `${error.stack ?? String(error)}\n`);
    process.exit(1);
  });
}

/** Development unless NODE_ENV=production: development keys, plain-http partners, introspection. */
export const isDevelopment = (e: { NODE_ENV: string }): boolean => e.NODE_ENV !== 'production';

/** Tracing is on when HUB_TRACING says so; unset, exactly when OTEL_EXPORTER_OTLP_ENDPOINT is set. */
export const isTracingEnabled = (e: { HUB_TRACING?: boolean | undefined; OTEL_EXPORTER_OTLP_ENDPOINT?: string | undefined }): boolean => e.HUB_TRACING ?? e.OTEL_EXPORTER_OTLP_ENDPOINT !== undefined;

/** What a process on this machine connects to for a server listening on `host`. */
export const connectHost = (host: string): string => (host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host);

