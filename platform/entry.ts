import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Whether the module at `moduleUrl` (its `import.meta.url`) is the one node
 * or tsx was asked to run, rather than one imported by it: a script that is
 * also imported by tests or by other scripts runs its command only then.
 * Paths are compared after links are resolved, so `npm run` through a
 * linked checkout or a symlinked node_modules still finds itself.
 */
export function isEntryPoint(moduleUrl: string): boolean {
  const invoked = process.argv[1];
  if (invoked === undefined) return false;
  try {
    return realpathSync(invoked) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}
