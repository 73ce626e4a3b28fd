import { fileURLToPath } from 'node:url';
import path from 'node:path';

/**
 * The repository root, so SDL and migration files are found wherever the
 * process starts. Run from the build (`npm run build`), it is the build's
 * folder (`dist/`), which holds those files beside the compiled code.
 */
export const ROOT = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

export const fromRoot = (...segments: string[]): string => path.join(ROOT, ...segments);
