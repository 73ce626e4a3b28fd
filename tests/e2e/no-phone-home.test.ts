import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../platform/paths.js';

describe('the gateway', () => {
  it('turns off Apollo usage telemetry before the gateway is built, so no instance calls out', () => {
    // A fresh process, so no earlier test has already set the variable.
    const script = `
      delete process.env.APOLLO_TELEMETRY_DISABLED;
      const { createGateway } = await import(${JSON.stringify(fromRoot('gateway', 'server.ts'))});
      const { createLogger } = await import(${JSON.stringify(fromRoot('platform', 'logger.ts'))});
      const { readCommittedSupergraph } = await import(${JSON.stringify(fromRoot('schema', 'compose.ts'))});
      createGateway({ supergraphSdl: readCommittedSupergraph(), subgraphUrls: {}, host: '127.0.0.1', port: 0, logger: createLogger('t', 'silent'), subgraphTimeoutMs: 1000 });
      process.stdout.write(String(process.env.APOLLO_TELEMETRY_DISABLED));
    `;
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: fromRoot(), encoding: 'utf8', env: { ...process.env, APOLLO_TELEMETRY_DISABLED: '' } });
    expect(result.stderr).not.toMatch(/MetadataLookupWarning/);
    expect(result.stdout).toBe('true');
  });
});
