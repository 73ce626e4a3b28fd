import { SUBGRAPH_NAMES, type SubgraphName } from '../subgraphs/registry.js';
import { PAGES } from '../web/pages.js';

/**
 * What `npm start` prints once the hub answers: where everything listens, how
 * to get a token, and a request to try that a fresh hub answers with data.
 */

/** A request to try: the token to ask for, the purpose to declare, and the query. */
export interface ExampleRequest {
  /** What the example shows, as the line introducing it. */
  title: string;
  /** Arguments of `npm run token --`. */
  tokenArgs: readonly string[];
  purpose: string;
  query: string;
}

export interface BannerFacts {
  seconds: number;
  gatewayUrl: string;
  subgraphUrls: Readonly<Record<SubgraphName, string>>;
  inbox: { url: string; cityName: string; cityCode: string; keyFingerprint: string };
  checkpoints: { file: string; intervalSeconds: number; keyId: string; publicKeyFile?: string | undefined };
  /** Where tokens come from: the development issuer's keys under the data folder, or an identity provider. */
  tokens: { issuer: 'development'; dataDir: string } | { issuer: string; audience: string };
  example: ExampleRequest | undefined;
}

/** A word the shell passes on as it is. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_\-./:=,@%+]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** The shell command that puts a development token in $TOKEN, for a hub on `dataDir`. */
export function tokenCommand(dataDir: string, args: readonly string[]): string {
  const folder = dataDir === 'data' ? '' : `HUB_DATA_DIR=${shellQuote(dataDir)} `;
  return `TOKEN=$(${folder}npm run -s token -- ${args.map(shellQuote).join(' ')})`;
}

/** The curl command that sends `example` to the gateway with $TOKEN. */
export function curlCommand(gatewayUrl: string, example: Pick<ExampleRequest, 'purpose' | 'query'>): string {
  const body = JSON.stringify({ query: example.query });
  return (
    `curl -s ${shellQuote(gatewayUrl)} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" -H ${shellQuote(`x-purpose: ${example.purpose}`)} \\\n` +
    `    -d ${shellQuote(body)}`
  );
}

/** The banner, as one block of text. */
export function bannerText(facts: BannerFacts): string {
  const lines = [
    '',
    `Population data hub ready in ${facts.seconds.toFixed(1)} s`,
    `  gateway   ${facts.gatewayUrl}   (health /health, readiness /ready, metrics /metrics)`,
    ...PAGES.map((page) => `  ${page.name.padEnd(9)} ${new URL(page.path, facts.gatewayUrl).href}   (web page, in a browser: ${page.title.en})`),
    ...SUBGRAPH_NAMES.map((name) => `  ${name.padEnd(9)} ${facts.subgraphUrls[name]} (internal)`),
    `  inbox     ${facts.inbox.url} (for partner cities; ${facts.inbox.cityName} ${facts.inbox.cityCode}, key ${facts.inbox.keyFingerprint})`,
    `  audit checkpoints ${facts.checkpoints.file} (every ${facts.checkpoints.intervalSeconds} s; key ${facts.checkpoints.keyId}${facts.checkpoints.publicKeyFile ? `, public half ${facts.checkpoints.publicKeyFile}` : ''})`,
    '',
    'Every request needs a caller token and a purpose of use (X-Purpose).',
  ];
  const { tokens, example } = facts;
  if ('dataDir' in tokens) {
    lines.push(`Development tokens are signed with keys under ${tokens.dataDir}/keys/. From this folder, try:`);
    if (example) {
      lines.push(`  # ${example.title}`, `  ${tokenCommand(tokens.dataDir, example.tokenArgs)}`, `  ${curlCommand(facts.gatewayUrl, example)}`);
    } else {
      lines.push(`  ${tokenCommand(tokens.dataDir, ['--dept', 'police'])}`);
    }
  } else {
    lines.push(`Tokens come from ${tokens.issuer} (audience ${tokens.audience}).`);
    if (example) lines.push(`With one in $TOKEN, try (${example.title}):`, `  ${curlCommand(facts.gatewayUrl, example)}`);
  }
  lines.push('', 'Ctrl-C stops the hub.');
  return `${lines.join('\n')}\n`;
}
