import type { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { authenticateCaller, DEV_ISSUER, HUB_AUDIENCE, signCallerToken, type CallerTokenInput, type CallerTokenSettings } from '../../auth/caller.js';
import { CALLER_DEPARTMENTS, DEFAULT_SCOPES, PERMISSION_NAMES, ROLES } from '../../auth/roles.js';
import { DEPARTMENTS } from '../../subgraphs/registry.js';
import { claimsForRole, newKeyPair, principalForRole } from '../support/tokens.js';

/**
 * A caller token speaks the hub's vocabularies or grants nothing: roles and
 * permissions the hub does not know are left out (and counted in the log),
 * a department it does not know, or a token left with no role, is refused.
 */

const keys = await newKeyPair();
const settings: CallerTokenSettings = { keys: keys.keySet, algorithms: ['EdDSA'], issuer: DEV_ISSUER, audience: HUB_AUDIENCE, clockToleranceSeconds: 5 };
const sign = (claims: CallerTokenInput) => signCallerToken(keys.signer, claims, { issuer: DEV_ISSUER, audience: HUB_AUDIENCE, ttlSeconds: 60 });

/** A logger that keeps what it is told. */
function recordingLogger() {
  const lines: { fields: Record<string, unknown>; message: string }[] = [];
  return { lines, warn: (fields: Record<string, unknown>, message: string) => void lines.push({ fields, message }) };
}

async function refusal(claims: CallerTokenInput): Promise<GraphQLError> {
  try {
    await authenticateCaller(settings, `Bearer ${await sign(claims)}`);
  } catch (error) {
    return error as GraphQLError;
  }
  throw new Error('the token was accepted');
}

describe('caller tokens, checked against the hub vocabularies', () => {
  it('accept every department the hub knows: the four departments, the grid offices, the auditors and the administrators', async () => {
    expect(CALLER_DEPARTMENTS).toEqual(expect.arrayContaining([...DEPARTMENTS, 'grid', 'auditor', 'admin']));
    for (const dept of CALLER_DEPARTMENTS) {
      const principal = await authenticateCaller(settings, `Bearer ${await sign({ ...claimsForRole('police'), dept })}`);
      expect(principal.department).toBe(dept);
    }
  });

  it('refuse a department the hub does not know with 401 naming the dept claim', async () => {
    for (const dept of ['mayor', '__proto__', 'constructor', 'toString', 'Police']) {
      const error = await refusal({ ...claimsForRole('police'), dept });
      expect(error.extensions.code, dept).toBe('UNAUTHENTICATED');
      expect((error.extensions.http as { status: number }).status).toBe(401);
      expect(error.message, dept).toMatch(/claim "dept" is malformed \(is not a department this hub knows\)/);
    }
  });

  it('leave out roles the hub does not know, keep the known ones, and log only how many and which names were left out', async () => {
    const logger = recordingLogger();
    const token = await sign({ ...claimsForRole('housing'), sub: '张三-13800001111', roles: ['housing', 'mayor', '__proto__', 'x'.repeat(60), '13900002222'] });
    const principal = await authenticateCaller(settings, `Bearer ${token}`, logger);
    expect(principal).toEqual(principalForRole('housing', { subject: '张三-13800001111' }));
    expect(logger.lines).toHaveLength(1);
    const line = JSON.stringify(logger.lines[0]);
    expect(logger.lines[0]!.fields).toMatchObject({ ignoredRoles: 4, ignoredScopes: 0, roles: ['mayor', '__proto__', '(unprintable)', '(unprintable)'] });
    // Who the caller is stays out of the line.
    expect(line).not.toContain('张三');
    expect(line).not.toContain('13800001111');
    expect(line).not.toContain('13900002222');
  });

  it('log at most five ignored names, however many the token carries', async () => {
    const logger = recordingLogger();
    const token = await sign({ ...claimsForRole('police'), roles: ['police', ...Array.from({ length: 40 }, (_, i) => `other-${i}`)] });
    await authenticateCaller(settings, `Bearer ${token}`, logger);
    expect(logger.lines[0]!.fields.ignoredRoles).toBe(40);
    expect(logger.lines[0]!.fields.roles).toHaveLength(5);
  });

  it('refuse a token left with no role the hub knows with 401 naming the roles claim', async () => {
    for (const roles of [['mayor'], ['__proto__'], ['constructor', 'toString', 'hasOwnProperty'], ['Police']]) {
      const error = await refusal({ ...claimsForRole('police'), roles });
      expect(error.extensions.code, roles.join()).toBe('UNAUTHENTICATED');
      expect(error.message).toBe('Invalid bearer token: claim "roles" names no role this hub knows');
    }
  });

  it('leave out permissions the hub does not know, so they grant nothing', async () => {
    const logger = recordingLogger();
    const token = await sign({ ...claimsForRole('police'), scope: `${DEFAULT_SCOPES.police.join(' ')} payroll:read constructor:read` });
    const principal = await authenticateCaller(settings, `Bearer ${token}`, logger);
    expect(principal.scopes).toEqual([...DEFAULT_SCOPES.police]);
    expect(logger.lines[0]!.fields).toMatchObject({ ignoredRoles: 0, ignoredScopes: 2, scopes: ['payroll:read', 'constructor:read'] });
  });

  it('name every role and default permission in the vocabularies', () => {
    for (const role of ROLES) for (const scope of DEFAULT_SCOPES[role]) expect(PERMISSION_NAMES).toContain(scope);
  });
});
