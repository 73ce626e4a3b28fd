import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PORT_VARIABLES, type HubServer } from '../../../hub/hub.js';
import { fromRoot } from '../../../platform/paths.js';
import { cityPorts, DemoArgsError, parseDemoArgs } from '../../../scripts/two-cities.js';
import { SUBGRAPH_NAMES } from '../../../subgraphs/registry.js';

const SERVERS = Object.keys(PORT_VARIABLES) as HubServer[];

describe('the two-city demo command line', () => {
  it('runs on the documented ports and folder when given nothing', () => {
    expect(parseDemoArgs([])).toEqual({
      exit: false,
      dataDir: fromRoot('data', 'two-cities'),
      persons: 2000,
      ports: { chengdu: 4100, hangzhou: 4200 },
    });
  });

  it('takes each city’s ports, the folder and the city size from flags', () => {
    expect(parseDemoArgs(['--exit', '--chengdu-port', '5100', '--hangzhou-port=0', '--data-dir', 'demo', '--persons', '500'])).toEqual({
      exit: true,
      dataDir: path.resolve('demo'),
      persons: 500,
      ports: { chengdu: 5100, hangzhou: 0 },
    });
    expect(parseDemoArgs(['--help'])).toBeNull();
  });

  it('gives a city a block of consecutive ports from its gateway’s, one per server, or free ones from 0', () => {
    const ports = cityPorts(5100);
    expect(SERVERS.map((server) => ports[server])).toEqual(SERVERS.map((_, i) => 5100 + i));
    expect(ports.gateway).toBe(5100);
    for (const name of SUBGRAPH_NAMES) expect(ports[name]).toBeGreaterThan(5100);
    expect(Object.values(cityPorts(0))).toEqual(SERVERS.map(() => 0));
  });

  it('refuses, naming the flag, ports that are no port, blocks that overlap, and flags it does not know', () => {
    const refusals: [string[], RegExp][] = [
      [['--chengdu-port', 'eighty'], /^--chengdu-port must be a whole number from 0 to \d+, got "eighty"$/],
      [['--hangzhou-port=-1'], /^--hangzhou-port must be a whole number/],
      [['--chengdu-port', '65535'], /^--chengdu-port must be a whole number from 0 to \d+/],
      [['--chengdu-port', '4100', '--hangzhou-port', '4103'], /^--chengdu-port 4100 and --hangzhou-port 4103 overlap/],
      [['--persons', '0'], /^--persons must be a whole number from 1/],
      [['--data-dir', ''], /^--data-dir must name a folder$/],
      [['--port', '4100'], /Unknown option '--port'/],
      [['4100'], /positional/i],
    ];
    for (const [argv, message] of refusals) {
      expect(() => parseDemoArgs(argv), argv.join(' ')).toThrow(DemoArgsError);
      expect(() => parseDemoArgs(argv), argv.join(' ')).toThrow(message);
    }
    // Blocks that only touch do not overlap; two cities on free ports never do.
    expect(parseDemoArgs(['--chengdu-port', '4100', '--hangzhou-port', String(4100 + SERVERS.length)])?.ports.hangzhou).toBe(4100 + SERVERS.length);
    expect(parseDemoArgs(['--chengdu-port', '0', '--hangzhou-port', '0'])?.ports).toEqual({ chengdu: 0, hangzhou: 0 });
  });
});
