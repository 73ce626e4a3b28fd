import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { FIXTURE_NAMES, fixtureSchema, type FixtureName } from './subgraphs.js';

/**
 * One fixture subgraph in its own process, on a free loopback port:
 *   tsx bench/gateways/serve-subgraph.ts accounts|products|inventory|reviews
 * Prints {"name","url"} on one line when ready.
 */
const name = process.argv[2] as FixtureName;
if (!FIXTURE_NAMES.includes(name)) {
  process.stderr.write(`usage: serve-subgraph.ts ${FIXTURE_NAMES.join('|')}\n`);
  process.exit(2);
}
const server = new ApolloServer({ schema: fixtureSchema(name) });
const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: 0 } });
process.stdout.write(`${JSON.stringify({ name, url })}\n`);
process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
