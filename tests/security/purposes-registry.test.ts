import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decide } from '../../auth/decide.js';
import { POLICY, scopesOf } from '../../auth/policy.js';
import type { RequestMeta } from '../../auth/principal.js';
import { CASE_ID_PATTERN, declarablePurposes, isCaseId, mayDeclare, PURPOSE_NAMES, PURPOSE_REGISTRY, PURPOSES, releases, type Purpose } from '../../auth/purposes.js';
import { isPermission, PERMISSIONS, ROLES, type Role } from '../../auth/roles.js';
import { fromRoot } from '../../platform/paths.js';
import { principalForRole } from '../support/tokens.js';

/**
 * The purpose registry is data: these tests read it and the policy, and
 * demand of every line what the hub promises of all of them.
 */

const meta = (role: Role, purpose: Purpose): RequestMeta => ({ requestId: `registry-${role}-${purpose}`, principal: principalForRole(role), purpose, caseId: null });
const coordinates = Object.keys(POLICY);

describe('the purpose registry', () => {
  it('names only roles and permissions the hub knows, and every purpose is declarable by someone', () => {
    for (const [name, entry] of PURPOSE_REGISTRY) {
      expect(entry.roles.length, name).toBeGreaterThan(0);
      for (const role of entry.roles) expect(ROLES, name).toContain(role);
      for (const permission of entry.releases) expect(isPermission(permission), `${name} ${permission}`).toBe(true);
    }
  });

  it('releases a field only for a purpose that releases its permission, to a role that may declare the purpose', () => {
    for (const role of ROLES) {
      for (const purpose of PURPOSE_NAMES) {
        for (const coordinate of coordinates) {
          if (!decide(meta(role, purpose), coordinate).allowed) continue;
          const rule = POLICY[coordinate]!;
          expect(scopesOf(rule).some((scope) => releases(purpose, scope)), `${role} ${purpose} ${coordinate}`).toBe(true);
          expect(mayDeclare([role], purpose), `${role} ${purpose} ${coordinate}`).toBe(true);
          if (rule.purposes) expect(rule.purposes, `${role} ${purpose} ${coordinate}`).toContain(purpose);
        }
      }
    }
  });

  it('releases to no role a purpose it may not declare, whatever the role is granted', () => {
    for (const role of ROLES) {
      for (const purpose of PURPOSE_NAMES.filter((p) => !mayDeclare([role], p))) {
        const released = coordinates.filter((c) => decide(meta(role, purpose), c).allowed);
        expect(released, `${role} ${purpose}`).toEqual([]);
      }
    }
  });

  it('keeps identity numbers, phones and addresses from the police declaring medical care, audit or statistics', () => {
    for (const purpose of ['medical-care', 'audit', 'statistics'] as const) {
      for (const coordinate of ['Person.idNumber', 'Person.phone', 'Person.householdAddress', 'Person.name']) {
        expect(decide(meta('police', purpose), coordinate).allowed, `${purpose} ${coordinate}`).toBe(false);
      }
    }
  });

  it('lets statistics release no permission about one resident, and so no field about one', () => {
    const statistics = PURPOSES.statistics;
    for (const permission of statistics.releases) expect(PERMISSIONS[permission].individual, permission).toBe(false);
    for (const role of statistics.roles) {
      for (const coordinate of coordinates.filter((c) => decide(meta(role, 'statistics'), c).allowed)) {
        // What statistics releases a field through is a permission about no one; the field may name others for other work.
        const through = scopesOf(POLICY[coordinate]!).filter((scope) => releases('statistics', scope));
        expect(through.length, `${role} ${coordinate}`).toBeGreaterThan(0);
        for (const scope of through) expect(PERMISSIONS[scope].individual, `${role} ${coordinate}`).toBe(false);
      }
    }
  });

  it('names, for each purpose a field is limited to, one granted role that may declare it and a release of its permission', () => {
    // A field limited to a purpose nobody granted it could declare would be a line of the policy that never applies.
    for (const [coordinate, rule] of Object.entries(POLICY)) {
      for (const purpose of rule.purposes ?? []) {
        const granted = Object.keys(rule.grants);
        expect(mayDeclare(granted, purpose), `${coordinate} ${purpose}`).toBe(true);
        expect(scopesOf(rule).some((scope) => releases(purpose, scope)), `${coordinate} ${purpose}`).toBe(true);
      }
    }
  });

  it('needs a case number for case investigation, in a format that takes the case numbers departments use', () => {
    expect(PURPOSE_REGISTRY.get('case-investigation')?.needsCase).toBe(true);
    for (const good of ['CASE-2026-001', 'WH-2025-0042', 'CASE-A1']) expect(isCaseId(good), good).toBe(true);
    for (const bad of ['', 'CASE', 'case-2026-001', '2026-001', 'CASE-2026-001 ', 'CASE--1', `CASE-${'1'.repeat(64)}`, 'CASE-2026-001;DROP']) {
      expect(isCaseId(bad), bad).toBe(false);
    }
    expect(CASE_ID_PATTERN.flags).toBe('');
  });

  it('gives every role at least one purpose to declare', () => {
    for (const role of ROLES) expect(declarablePurposes([role]).length, role).toBeGreaterThan(0);
  });
});

describe('the callers page', () => {
  it('lists every purpose of the registry with the roles that may declare it and whether it needs a case number', () => {
    const page = readFileSync(fromRoot('docs', 'callers.md'), 'utf8');
    for (const [name, entry] of PURPOSE_REGISTRY) {
      expect(page, name).toContain(`| \`${name}\` | ${entry.roles.join(', ')} | ${entry.needsCase ? 'required' : '—'} |`);
    }
  });
});
