import type { z } from 'zod';

/**
 * What a benchmark tells a process it starts: one JSON argument, checked on
 * arrival, so every setting the child reads is in one typed object rather
 * than in variables read wherever they are needed.
 */
export const SETTINGS_FLAG = '--settings';

export const settingsArgs = (settings: object): string[] => [SETTINGS_FLAG, JSON.stringify(settings)];

/** The settings this process was started with; one line naming what was wrong, and exit, otherwise. */
export function readSettings<T>(schema: z.ZodType<T>, argv: readonly string[] = process.argv.slice(2)): T {
  const at = argv.indexOf(SETTINGS_FLAG);
  let parsed: unknown;
  try {
    parsed = JSON.parse(argv[at + 1] ?? '');
  } catch {
    parsed = undefined;
  }
  const result = at === -1 ? undefined : schema.safeParse(parsed);
  if (!result?.success) {
    process.stderr.write(`expected ${SETTINGS_FLAG} <json>: ${result ? (result.error.issues[0]?.message ?? 'invalid') : 'missing'}\n`);
    process.exit(2);
  }
  return result.data;
}
