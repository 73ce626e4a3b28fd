import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { authenticateCaller } from '../../../auth/caller.js';
import { callerTokenSettingsFromEnv } from '../../../auth/config.js';
import { DEFAULT_SCOPES } from '../../../auth/roles.js';
import { parseEnv } from '../../../hub/env.js';
import { fromRoot } from '../../../platform/paths.js';
import { claimsFor, parseTokenArgs, TokenArgsError } from '../../../scripts/token.js';
import { makeCreditCode } from '../../../domain/credit-code.js';
import { makeIdNumber } from '../../../domain/id-number.js';

const CREDIT_CODE = makeCreditCode('510107', 'MA0000001');
const ID_NUMBER = makeIdNumber('510107', '1990-05-17', 12, 'FEMALE');
/** The same with another check character: well-formed, and wrong. */
const otherCheck = (value: string) => value.slice(0, 17) + (value.endsWith('1') ? '2' : '1');

describe('the token command line', () => {
  it('needs only a department, taking its role and that role’s usual permissions', () => {
    expect(parseTokenArgs(['--dept', 'police'])).toEqual({
      dept: 'police',
      roles: ['police'],
      scopes: [...DEFAULT_SCOPES.police],
      grids: [],
      divisions: [],
      houses: [],
      employers: [],
      idNumber: null,
      sub: 'dev-police',
      ttlSeconds: 3600,
    });
  });

  it('reads every flag, in either --flag value or --flag=value form', () => {
    const request = parseTokenArgs(['--dept=grid', '--roles', 'grid,housing', '--scopes', 'person:read grid:read', '--grid', '510107001001,510107001002', '--division=510107', '--sub', 'wang.wei', '--ttl', '600']);
    expect(request).toEqual({
      dept: 'grid',
      roles: ['grid', 'housing'],
      scopes: ['person:read', 'grid:read'],
      grids: ['510107001001', '510107001002'],
      divisions: ['510107'],
      houses: [],
      employers: [],
      idNumber: null,
      sub: 'wang.wei',
      ttlSeconds: 600,
    });
    expect(claimsFor(request!)).toEqual({
      sub: 'wang.wei',
      dept: 'grid',
      roles: ['grid', 'housing'],
      scope: 'person:read grid:read',
      jurisdiction: { divisions: ['510107'], grids: ['510107001001', '510107001002'] },
    });
  });

  it('names a declarant\'s premises and a resident\'s identity number in the claims', () => {
    const creditCode = CREDIT_CODE;
    const idNumber = ID_NUMBER;
    const landlord = parseTokenArgs(['--dept', 'landlord', '--house', '510107000000000001,510107000000000002']);
    expect(claimsFor(landlord!)).toMatchObject({ dept: 'landlord', roles: ['landlord'], premises: { houses: ['510107000000000001', '510107000000000002'] } });
    const employer = parseTokenArgs(['--dept', 'employer', '--employer', creditCode]);
    expect(claimsFor(employer!)).toMatchObject({ dept: 'employer', premises: { employers: [creditCode] } });
    const resident = parseTokenArgs(['--dept', 'resident', '--id-number', idNumber]);
    expect(claimsFor(resident!)).toMatchObject({ dept: 'resident', idNumber, scope: DEFAULT_SCOPES.resident.join(' ') });
  });

  it('unites the usual permissions of every role given', () => {
    expect(parseTokenArgs(['--dept', 'health', '--roles', 'health,auditor'])?.scopes).toEqual([...DEFAULT_SCOPES.health, ...DEFAULT_SCOPES.auditor]);
  });

  it('answers --help with nothing to sign', () => {
    expect(parseTokenArgs(['--help'])).toBeNull();
  });

  it.each([
    [[], /--dept is required/],
    [['--dept', 'tax'], /--dept "tax" is not one of police, housing, labour, health, grid, auditor/],
    [['--dept', 'police', '--colour', 'blue'], /Unknown flag --colour/],
    [['police'], /Unexpected argument "police"/],
    [['--dept'], /--dept needs a value/],
    [['--dept', '--roles', 'police'], /--dept needs a value/],
    [['--dept', 'police', '--dept', 'health'], /--dept is given twice/],
    [['--dept', 'police', '--roles', 'police,mayor'], /--roles: "mayor" is not one of/],
    [['--dept', 'police', '--scopes', 'everything'], /--scopes: "everything" is not a resource:verb permission/],
    [['--dept', 'grid'], /--dept grid needs --grid/],
    [['--dept', 'grid', '--grid', '5101070010'], /--grid: "5101070010" is not a 12-digit grid code/],
    [['--dept', 'police', '--division', '51010'], /--division: "51010" is not a 6-digit division code/],
    [['--dept', 'police', '--ttl', '0'], /--ttl must be a whole number of seconds/],
    [['--dept', 'police', '--ttl', '1h'], /--ttl must be a whole number of seconds/],
    [['--dept', 'landlord'], /--dept landlord needs --house/],
    [['--dept', 'landlord', '--house', '51010700000000000'], /--house: "51010700000000000" is not an 18-digit unified house code/],
    [['--dept', 'employer'], /--dept employer needs --employer/],
    [['--dept', 'employer', '--employer', otherCheck(CREDIT_CODE)], /--employer: ".+" is not a valid unified social credit code/],
    [['--dept', 'resident'], /--dept resident needs --id-number/],
    [['--dept', 'resident', '--id-number', otherCheck(ID_NUMBER)], /--id-number is not a valid 18-character identity number/],
  ])('refuses %j with one line naming the problem', (argv, message) => {
    expect(() => parseTokenArgs(argv)).toThrow(TokenArgsError);
    expect(() => parseTokenArgs(argv)).toThrow(message);
  });
});

describe('npm run token', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hub-token-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const run = (args: string[], extraEnv: Record<string, string> = {}) =>
    spawnSync(process.execPath, ['--import', 'tsx', fromRoot('scripts', 'token.ts'), ...args], {
      cwd: fromRoot(),
      encoding: 'utf8',
      env: { ...process.env, NODE_ENV: 'development', HUB_DATA_DIR: dataDir, ...extraEnv },
    });

  it('prints only a token that a development gateway on the same data folder accepts', async () => {
    const result = run(['--dept', 'labour', '--sub', 'li.na']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const settings = await callerTokenSettingsFromEnv(parseEnv({ HUB_DATA_DIR: dataDir }));
    const principal = await authenticateCaller(settings, `Bearer ${result.stdout.trim()}`);
    expect(principal).toMatchObject({ subject: 'li.na', department: 'labour', roles: ['labour'], scopes: [...DEFAULT_SCOPES.labour] });
  });

  it('exits with status 2 and one line for a bad flag', () => {
    const result = run(['--dept', 'police', '--bogus']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toMatch(/^Unknown flag --bogus/);
  });

  it('refuses to issue development tokens in production', () => {
    const result = run(['--dept', 'police'], { NODE_ENV: 'production' });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/development issuer does not exist in production/);
  });
});
