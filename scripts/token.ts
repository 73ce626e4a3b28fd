import { signCallerToken, type CallerTokenInput } from '../auth/caller.js';
import { ensureDevKeys } from '../auth/dev-keys.js';
import { readSigningKey } from '../auth/keys.js';
import { DEFAULT_SCOPES, isRole, ROLES, SCOPE_PATTERN, type Role } from '../auth/roles.js';
import { at } from '../platform/arrays.js';
import { checkCreditCode } from '../domain/credit-code.js';
import { checkIdNumber } from '../domain/id-number.js';
import { env } from '../hub/env.js';
import { isDevelopment } from '../platform/env.js';
import { isEntryPoint } from '../platform/entry.js';

/**
 * Prints a caller token from the local development issuer, and nothing else,
 * so `TOKEN=$(npm run -s token -- --dept police)` works.
 */

export const TOKEN_USAGE = `Usage: npm run token -- --dept <${ROLES.join('|')}> [--roles a,b] [--scopes "x:read y:read"] [--grid 510107001001,...] [--division 510107,...] [--house <house code>,...] [--employer <credit code>,...] [--id-number <identity number>] [--sub name] [--ttl 3600]`;

export interface TokenRequest {
  dept: Role;
  roles: Role[];
  scopes: string[];
  grids: string[];
  divisions: string[];
  houses: string[];
  employers: string[];
  idNumber: string | null;
  sub: string;
  ttlSeconds: number;
}

export class TokenArgsError extends Error {}

const FLAGS = ['dept', 'roles', 'scopes', 'grid', 'division', 'house', 'employer', 'id-number', 'sub', 'ttl'] as const;
type Flag = (typeof FLAGS)[number];
const MAX_TTL_S = 7 * 24 * 3600;

const list = (value: string, separator: RegExp) => value.split(separator).map((v) => v.trim()).filter(Boolean);

/** Reads the command line; throws TokenArgsError with one line naming the bad flag. Returns null for --help. */
export function parseTokenArgs(argv: readonly string[]): TokenRequest | null {
  const given: Partial<Record<Flag, string>> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = at(argv, i);
    if (arg === '--help' || arg === '-h') return null;
    const match = /^--([a-z]+(?:-[a-z]+)*)(?:=(.*))?$/s.exec(arg);
    if (!match) throw new TokenArgsError(`Unexpected argument ${JSON.stringify(arg)}; flags look like --dept police`);
    const name = at(match, 1);
    if (!(FLAGS as readonly string[]).includes(name)) {
      throw new TokenArgsError(`Unknown flag --${name}; known flags: ${FLAGS.map((f) => `--${f}`).join(' ')}`);
    }
    const value = match[2] ?? argv[++i];
    if (value === undefined || (match[2] === undefined && value.startsWith('--'))) throw new TokenArgsError(`--${name} needs a value`);
    if (given[name as Flag] !== undefined) throw new TokenArgsError(`--${name} is given twice`);
    given[name as Flag] = value;
  }

  const dept = given.dept?.trim();
  if (!dept) throw new TokenArgsError(`--dept is required (one of ${ROLES.join(', ')})`);
  if (!isRole(dept)) throw new TokenArgsError(`--dept ${JSON.stringify(dept)} is not one of ${ROLES.join(', ')}`);

  const roles = given.roles === undefined ? [dept] : list(given.roles, /,/);
  if (roles.length === 0) throw new TokenArgsError('--roles names no role');
  const unknownRole = roles.find((r) => !isRole(r));
  if (unknownRole !== undefined) throw new TokenArgsError(`--roles: ${JSON.stringify(unknownRole)} is not one of ${ROLES.join(', ')}`);
  const knownRoles = [...new Set(roles as Role[])];

  const scopes = given.scopes === undefined ? [...new Set(knownRoles.flatMap((r) => DEFAULT_SCOPES[r]))] : list(given.scopes, /[\s,]+/);
  const badScope = scopes.find((s) => !SCOPE_PATTERN.test(s));
  if (badScope !== undefined) throw new TokenArgsError(`--scopes: ${JSON.stringify(badScope)} is not a resource:verb permission such as person:read`);

  const grids = given.grid === undefined ? [] : list(given.grid, /,/);
  const badGrid = grids.find((g) => !/^\d{12}$/.test(g));
  if (badGrid !== undefined) throw new TokenArgsError(`--grid: ${JSON.stringify(badGrid)} is not a 12-digit grid code`);
  if (given.grid !== undefined && grids.length === 0) throw new TokenArgsError('--grid names no grid');
  if (dept === 'grid' && grids.length === 0) throw new TokenArgsError('--dept grid needs --grid: a grid worker sees only the grids assigned to them');

  const divisions = given.division === undefined ? [] : list(given.division, /,/);
  const badDivision = divisions.find((d) => !/^\d{6}$/.test(d));
  if (badDivision !== undefined) throw new TokenArgsError(`--division: ${JSON.stringify(badDivision)} is not a 6-digit division code`);
  if (given.division !== undefined && divisions.length === 0) throw new TokenArgsError('--division names no division');

  const houses = given.house === undefined ? [] : list(given.house, /,/);
  const badHouse = houses.find((h) => !/^\d{18}$/.test(h));
  if (badHouse !== undefined) throw new TokenArgsError(`--house: ${JSON.stringify(badHouse)} is not an 18-digit unified house code`);
  if (given.house !== undefined && houses.length === 0) throw new TokenArgsError('--house names no house');
  if (dept === 'landlord' && houses.length === 0) throw new TokenArgsError('--dept landlord needs --house: a landlord declares for the houses they let');

  const employers = given.employer === undefined ? [] : list(given.employer, /,/);
  const badEmployer = employers.find((c) => !checkCreditCode(c).ok);
  if (badEmployer !== undefined) throw new TokenArgsError(`--employer: ${JSON.stringify(badEmployer)} is not a valid unified social credit code`);
  if (given.employer !== undefined && employers.length === 0) throw new TokenArgsError('--employer names no employer');
  if (dept === 'employer' && employers.length === 0) throw new TokenArgsError('--dept employer needs --employer: an employer declares for its own workplaces');

  const idNumber = given['id-number']?.trim() ?? null;
  if (idNumber !== null && !checkIdNumber(idNumber).ok) throw new TokenArgsError('--id-number is not a valid 18-character identity number');
  if (dept === 'resident' && idNumber === null) throw new TokenArgsError('--dept resident needs --id-number: a resident signs in as themselves');

  const sub = given.sub?.trim() ?? `dev-${dept}`;
  if (sub === '' || sub.length > 128) throw new TokenArgsError('--sub must be 1 to 128 characters');

  const ttlText = given.ttl?.trim() ?? '3600';
  if (!/^\d+$/.test(ttlText) || Number(ttlText) < 1 || Number(ttlText) > MAX_TTL_S) {
    throw new TokenArgsError(`--ttl must be a whole number of seconds from 1 to ${MAX_TTL_S}, got ${JSON.stringify(given.ttl)}`);
  }
  return { dept, roles: knownRoles, scopes, grids, divisions, houses, employers, idNumber, sub, ttlSeconds: Number(ttlText) };
}

/** The claims the development issuer puts in the token for a request. */
export function claimsFor(request: TokenRequest): CallerTokenInput {
  const jurisdiction = {
    ...(request.divisions.length > 0 ? { divisions: request.divisions } : {}),
    ...(request.grids.length > 0 ? { grids: request.grids } : {}),
  };
  return {
    sub: request.sub,
    dept: request.dept,
    roles: request.roles,
    ...(request.scopes.length > 0 ? { scope: request.scopes.join(' ') } : {}),
    ...(Object.keys(jurisdiction).length > 0 ? { jurisdiction } : {}),
    ...(request.houses.length > 0 || request.employers.length > 0
      ? { premises: { ...(request.houses.length > 0 ? { houses: request.houses } : {}), ...(request.employers.length > 0 ? { employers: request.employers } : {}) } }
      : {}),
    ...(request.idNumber !== null ? { idNumber: request.idNumber } : {}),
  };
}

async function main(): Promise<void> {
  let request: TokenRequest | null;
  try {
    request = parseTokenArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof TokenArgsError)) throw error;
    process.stderr.write(`${error.message}\n${TOKEN_USAGE}\n`);
    process.exit(2);
  }
  if (request === null) {
    process.stdout.write(`${TOKEN_USAGE}\n`);
    return;
  }
  const config = env();
  if (!isDevelopment(config)) {
    process.stderr.write('The development issuer does not exist in production: get tokens from your identity provider\n');
    process.exit(1);
  }
  if (config.AUTH_JWKS_URL || config.AUTH_JWKS_FILE) {
    process.stderr.write(`Note: AUTH_JWKS_${config.AUTH_JWKS_URL ? 'URL' : 'FILE'} is set, so a gateway with this environment will not accept development tokens\n`);
  }
  const files = await ensureDevKeys(config.HUB_DATA_DIR);
  const signer = await readSigningKey(files.issuerPrivateKeyFile, 'EdDSA');
  const token = await signCallerToken(signer, claimsFor(request), {
    issuer: config.AUTH_ISSUER,
    audience: config.AUTH_AUDIENCE,
    ttlSeconds: request.ttlSeconds,
  });
  process.stdout.write(`${token}\n`);
}

if (isEntryPoint(import.meta.url)) await main();
