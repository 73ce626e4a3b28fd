import net, { type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ensurePortsFree, HubPortInUseError, PORT_VARIABLES, type HubServer } from '../../../hub/hub.js';
import { EnvError } from '../../../platform/env.js';
import { SUBGRAPH_NAMES } from '../../../subgraphs/registry.js';

const allFree = (): Record<HubServer, number> => Object.fromEntries(Object.keys(PORT_VARIABLES).map((server) => [server, 0])) as Record<HubServer, number>;

async function held<T>(use: (port: number) => Promise<T>): Promise<T> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await use((server.address() as AddressInfo).port);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe('the check of the hub’s ports before it starts', () => {
  it('names a variable for every server: the gateway, each subgraph in the registry, and the inbox', () => {
    expect(Object.keys(PORT_VARIABLES).sort()).toEqual(['gateway', ...SUBGRAPH_NAMES, 'inbox'].sort());
  });

  it('passes when every port is left to the system', async () => {
    await expect(ensurePortsFree('127.0.0.1', allFree())).resolves.toBeUndefined();
  });

  it('refuses a port another process holds, naming the variable that moves that server', async () => {
    for (const server of Object.keys(PORT_VARIABLES) as HubServer[]) {
      await held(async (port) => {
        const check = ensurePortsFree('127.0.0.1', { ...allFree(), [server]: port });
        await expect(check).rejects.toBeInstanceOf(HubPortInUseError);
        await expect(check).rejects.toThrow(`port ${port} is in use: set ${PORT_VARIABLES[server]} to another port`);
      });
    }
  });

  it('refuses one port given to two servers, naming both variables, before listening on any', async () => {
    const [first, second] = SUBGRAPH_NAMES;
    const check = ensurePortsFree('127.0.0.1', { ...allFree(), [first!]: 45_999, [second!]: 45_999 });
    await expect(check).rejects.toBeInstanceOf(EnvError);
    await expect(check).rejects.toThrow(`${PORT_VARIABLES[first!]} and ${PORT_VARIABLES[second!]} are both 45999`);
  });
});
