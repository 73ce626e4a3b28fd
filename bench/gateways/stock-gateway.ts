import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

/**
 * A stock @apollo/gateway as the public gateways benchmark runs it: one
 * process, ApolloServer's standalone server, every setting at its default.
 *   tsx bench/gateways/stock-gateway.ts <supergraph file>
 * Prints {"url"} on one line when ready.
 */
// Apollo's start-up telemetry and cloud-metadata probes reach beyond loopback; they cost nothing per request.
process.env.APOLLO_TELEMETRY_DISABLED = 'true';
const supergraphFile = process.argv[2];
if (!supergraphFile) throw new Error('usage: tsx bench/gateways/stock-gateway.ts <supergraph file>');
const supergraphSdl = readFileSync(supergraphFile, 'utf8');
const server = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl }) });
const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: 0 } });
process.stdout.write(`${JSON.stringify({ url })}\n`);
process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
