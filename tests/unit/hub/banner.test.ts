import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { bannerText, curlCommand, shellQuote, tokenCommand, type BannerFacts } from '../../../hub/banner.js';
import { SUBGRAPH_NAMES } from '../../../subgraphs/registry.js';
import { PAGES } from '../../../web/pages.js';

/** What bash makes of a command line: each word it would pass on, one per line. */
const wordsOf = (commandLine: string): string[] =>
  execFileSync('bash', ['-c', `set -f; for word in ${commandLine}; do printf '%s\\n' "$word"; done`], { encoding: 'utf8' }).split('\n').slice(0, -1);

const FACTS: BannerFacts = {
  seconds: 12.34,
  gatewayUrl: 'http://127.0.0.1:4000/graphql',
  subgraphUrls: Object.fromEntries(SUBGRAPH_NAMES.map((name, i) => [name, `http://127.0.0.1:${4001 + i}/graphql`])) as BannerFacts['subgraphUrls'],
  inbox: { url: 'http://127.0.0.1:4007/exchange/v1/inbox', cityName: '成都市', cityCode: '510100', keyFingerprint: 'fp' },
  checkpoints: { file: 'data/checkpoints/checkpoints.jsonl', intervalSeconds: 60, keyId: 'kid' },
  tokens: { issuer: 'development', dataDir: 'data' },
  example: { title: 'a dossier', tokenArgs: ['--dept', 'police'], purpose: 'public-health', query: '{ personByIdNumber(idNumber: "51010719900101001X") { name } }' },
};

describe('the start banner', () => {
  it('quotes a word the shell would split or expand, and leaves a plain one as it is', () => {
    for (const word of ['/tmp/hub data', "it's", '$HOME', 'a;b', '*', '']) expect(wordsOf(shellQuote(word))).toEqual([word]);
    expect(shellQuote('/tmp/hub-1/data')).toBe('/tmp/hub-1/data');
  });

  it('names the data folder in the token command only when it is not the default one', () => {
    expect(tokenCommand('data', ['--dept', 'police'])).toBe('TOKEN=$(npm run -s token -- --dept police)');
    expect(tokenCommand('/tmp/my hub', ['--dept', 'police'])).toBe("TOKEN=$(HUB_DATA_DIR='/tmp/my hub' npm run -s token -- --dept police)");
  });

  it('sends the query as the JSON body the shell hands curl', () => {
    const command = curlCommand(FACTS.gatewayUrl, FACTS.example!).replace(' \\\n', ' ');
    const words = wordsOf(command.replace('"authorization: Bearer $TOKEN"', "'authorization: Bearer x'"));
    expect(JSON.parse(words.at(-1)!)).toEqual({ query: FACTS.example!.query });
    expect(words).toContain('x-purpose: public-health');
  });

  it('names every web page at the gateway’s address', () => {
    const text = bannerText(FACTS);
    for (const page of PAGES) expect(text).toContain(`  ${page.name.padEnd(9)} http://127.0.0.1:4000${page.path}   (web page`);
  });

  it('lists every subgraph, and only development shows how to mint a token', () => {
    const text = bannerText(FACTS);
    for (const name of SUBGRAPH_NAMES) expect(text).toContain(`  ${name.padEnd(9)} ${FACTS.subgraphUrls[name]} (internal)`);
    expect(text).toContain('TOKEN=$(npm run -s token -- --dept police)');
    const production = bannerText({ ...FACTS, tokens: { issuer: 'https://idp.example/', audience: 'hub' } });
    expect(production).not.toContain('npm run -s token');
    expect(production).toContain('Tokens come from https://idp.example/ (audience hub).');
  });
});
