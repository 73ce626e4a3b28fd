import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { anchorsOf, CHECKPOINT_FILE, readCheckpointLog } from '../../audit/checkpoint.js';
import { readExportPublicKey } from '../../audit/export.js';
import { PORT_VARIABLES } from '../../hub/hub.js';
import { DataFolderInUseError, LOCK_FILE, lockDataFolder } from '../../platform/data-folder-lock.js';
import { fromRoot } from '../../platform/paths.js';

/*
 * One process per data folder: the real lock functions in this process, and
 * real processes — a hub started with `npm start`'s script, a second one, and
 * the commands that open the embedded stores — against one folder.
 */

const run = promisify(execFile);
const folders: string[] = [];
const children: ChildProcess[] = [];

function folder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'hub-lock-'));
  folders.push(dir);
  return dir;
}

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

/** Runs a script of the hub against `dataDir` and waits for it to end. */
async function command(script: string, args: string[], dataDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: Record<string, string | undefined> = { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'silent', HUB_DATA_DIR: dataDir };
  for (const name of Object.keys(env)) if (name.endsWith('DATABASE_URL')) delete env[name];
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', fromRoot(script), ...args], { cwd: fromRoot(), env, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** A process that takes the folder's lock through the real function and holds it until told to exit. */
function holder(dir: string): Promise<ChildProcess> {
  const code = `import { lockDataFolder } from ${JSON.stringify(fromRoot('platform', 'data-folder-lock.ts'))};
    lockDataFolder(${JSON.stringify(dir)}); process.stdout.write('held\\n');
    process.stdin.on('data', () => process.exit(0));`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: fromRoot(), stdio: ['pipe', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('held')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`the holder exited with ${code}`)));
  });
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.on('exit', () => resolve())));

describe('the data folder lock', () => {
  it('is one file naming this process, counted across holds, and gone with the last', () => {
    const dir = folder();
    const first = lockDataFolder(dir);
    const second = lockDataFolder(dir);
    const file = path.join(dir, LOCK_FILE);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ pid: process.pid, since: expect.any(String) });
    first.release();
    first.release();
    expect(existsSync(file)).toBe(true);
    second.release();
    expect(existsSync(file)).toBe(false);
  });

  it('refuses a folder a live process holds, naming its pid and since when, and frees it when that process exits', async () => {
    const dir = folder();
    const child = await holder(dir);
    let refused: unknown;
    try {
      lockDataFolder(dir);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(DataFolderInUseError);
    expect((refused as DataFolderInUseError).holder.pid).toBe(child.pid);
    expect((refused as Error).message).toMatch(new RegExp(`pid ${child.pid}, .*since \\d{4}-\\d\\d-\\d\\dT`));
    expect((refused as Error).message).not.toContain('\n');
    child.stdin!.write('exit\n');
    await exited(child);
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    lockDataFolder(dir).release();
  });

  it('takes over a lock left by a process that is gone, or one left half-written', async () => {
    const dir = folder();
    const gone = spawn(process.execPath, ['-e', '']);
    await exited(gone);
    writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: gone.pid, since: new Date().toISOString(), command: 'killed' }));
    const lock = lockDataFolder(dir);
    expect(JSON.parse(readFileSync(lock.file, 'utf8')).pid).toBe(process.pid);
    lock.release();
    writeFileSync(path.join(dir, LOCK_FILE), '{"pid":');
    lockDataFolder(dir).release();
  });
});

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const holderLine = (dir: string, pid: number | undefined) => new RegExp(`^${escaped(dir)} is in use by another hub process \\(pid ${pid}, .*since \\d{4}-`);

/** The one line a refused command printed (the seed command prefixes what failed). */
function oneLine(result: { stderr: string }): string[] {
  return result.stderr
    .trim()
    .split('\n')
    .map((line) => line.replace(/^Seeding failed: /, ''));
}

describe('one hub per data folder', () => {
  it('audit:verify, audit:export, db:migrate and db:seed refuse a folder another process holds, each with one line naming it, and store nothing', async () => {
    const dir = folder();
    const child = await holder(dir);
    const attempts: [string, string[]][] = [
      ['scripts/audit-verify.ts', []],
      ['scripts/audit-export.ts', ['--from', '2026-01-01T00:00:00Z', '--to', '2036-01-01T00:00:00Z', '--out', path.join(dir, 'export.jsonl')]],
      ['scripts/migrate.ts', []],
      ['scripts/seed.ts', ['--persons', '10']],
    ];
    const results = await Promise.all(attempts.map(([script, args]) => command(script, args, dir)));
    results.forEach((result, i) => {
      const script = attempts[i]![0];
      expect(result.code, `${script} exits with an error`).toBe(1);
      expect(oneLine(result), `${script} says one line`).toHaveLength(1);
      expect(oneLine(result)[0], script).toMatch(holderLine(dir, child.pid));
    });
    expect(existsSync(path.join(dir, 'export.jsonl'))).toBe(false);
    expect(existsSync(path.join(dir, 'pglite'))).toBe(false);
    child.stdin!.write('exit\n');
    await exited(child);
  }, 300_000);

  it('refuses a second hub while the first runs; once the first stops, audit:verify opens its store and holds its chains to the checkpoints it signed', async () => {
    const dir = folder();
    const env: Record<string, string | undefined> = {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'silent',
      HUB_DATA_DIR: dir,
      HUB_SEED_ON_START: 'false',
      ...Object.fromEntries(Object.values(PORT_VARIABLES).map((variable) => [variable, '0'])),
    };
    for (const name of Object.keys(env)) if (name.endsWith('DATABASE_URL')) delete env[name];
    const hub = spawn(process.execPath, ['--import', 'tsx', fromRoot('scripts', 'start.ts')], { cwd: fromRoot(), env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(hub);
    let output = '';
    hub.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    hub.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        if (output.includes('Population data hub ready')) {
          clearInterval(poll);
          resolve();
        }
      }, 100);
      hub.on('exit', (code) => {
        clearInterval(poll);
        reject(new Error(`the hub exited with ${code}: ${output}`));
      });
    });

    const second = await command('scripts/start.ts', [], dir);
    expect(second.code).toBe(1);
    expect(oneLine(second)).toHaveLength(1);
    expect(oneLine(second)[0]).toMatch(holderLine(dir, hub.pid));

    // A refused request is recorded too: the gateway's chain then has a head for the checkpoints to sign.
    const gateway = /gateway\s+(http:\/\/\S+)/.exec(output)?.[1];
    expect(gateway).toBeDefined();
    const refusedRequest = await fetch(gateway!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(refusedRequest.status).toBe(401);

    hub.kill('SIGTERM');
    await exited(hub);
    expect(hub.exitCode).toBe(0);
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);

    // The hub signed its chains' heads as they ended at shutdown; the verifier now opens the store and holds them to it.
    const publicKey = await readExportPublicKey(path.join(dir, 'keys', 'audit-checkpoint.public.jwk.json'));
    const log = await readCheckpointLog(path.join(dir, 'checkpoints', CHECKPOINT_FILE), publicKey);
    expect(log.problems).toEqual([]);
    expect(anchorsOf(log.checkpoints).size).toBeGreaterThan(0);
    const verified = await command('scripts/audit-verify.ts', [], dir);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stderr).toMatch(/^intact: .*held to checkpoint \d+ of /m);
  }, 900_000);
});
