import { readFileSync } from 'node:fs';
import { isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { fieldDecisions } from '../../../audit/writer.js';
import { decide, grantFor } from '../../../auth/decide.js';
import { divisionCovers, isConfined, jurisdictionFilter, withinJurisdiction } from '../../../auth/jurisdiction.js';
import { MASKS } from '../../../auth/masking.js';
import { POLICY } from '../../../auth/policy.js';
import { POLICY_TABLE_PATH, renderPolicyTable } from '../../../schema/policy-table.js';
import type { Principal, RequestMeta } from '../../../auth/principal.js';
import { DEFAULT_SCOPES, ROLES, type Role } from '../../../auth/roles.js';
import { TEST_PURPOSES } from '../../support/tokens.js';
import { apiSchema } from '../../../schema/compose.js';
import { buildRouterSchemas, ROUTER_SUPERGRAPH_PATH } from '../../../schema/router.js';

const principal = (role: Role, jurisdiction: Partial<Principal['jurisdiction']> = {}): Principal => ({
  subject: `${role}-system`,
  department: role,
  roles: [role],
  scopes: [...DEFAULT_SCOPES[role]],
  jurisdiction: { divisions: [], grids: [], ...jurisdiction },
});
/** A request by the principal, for the purpose given or the one its role declares in tests. */
const meta = (p: Principal | null, purpose?: string | null): RequestMeta => ({
  requestId: 'r-1',
  principal: p,
  purpose: purpose === undefined ? TEST_PURPOSES[(p?.roles[0] ?? 'police') as Role] : purpose,
  caseId: null,
});

describe('the policy decision', () => {
  it('grants the police the full identity number and housing only a masked one', () => {
    expect(decide(meta(principal('police')), 'Person.idNumber')).toMatchObject({ allowed: true, access: 'full' });
    expect(decide(meta(principal('housing')), 'Person.idNumber')).toMatchObject({ allowed: true, access: 'masked' });
  });

  it('denies labour the health records and names why', () => {
    const decision = decide(meta(principal('labour')), 'Person.healthProfile');
    expect(decision).toEqual({ allowed: false, reason: 'Person.healthProfile is not granted to labour' });
  });

  it('denies a field no line of the policy names, to every role', () => {
    for (const role of ROLES) {
      expect(decide(meta(principal(role)), 'Person.newlyAddedField').allowed).toBe(false);
    }
  });

  it('releases health records only for health purposes', () => {
    expect(decide(meta(principal('health'), 'public-health'), 'Person.healthProfile').allowed).toBe(true);
    expect(decide(meta(principal('health'), 'statistics'), 'Person.healthProfile')).toMatchObject({ allowed: false, reason: expect.stringMatching(/only for the purposes public-health, medical-care/) });
  });

  it('releases a field only for a purpose that releases its permission, even where the field names no purposes', () => {
    expect(decide(meta(principal('health'), 'medical-care'), 'Person.name').allowed).toBe(true);
    expect(decide(meta(principal('health'), 'statistics'), 'Person.name')).toEqual({ allowed: false, reason: 'Person.name is not released for the purpose statistics' });
  });

  it('denies everything for a purpose none of the roles may declare', () => {
    for (const coordinate of ['Person.idNumber', 'Person.phone', 'Person.householdAddress']) {
      expect(decide(meta(principal('police'), 'medical-care'), coordinate)).toEqual({ allowed: false, reason: 'the purpose medical-care may not be declared by police' });
    }
    expect(decide(meta(principal('police'), 'no-such-purpose'), 'Person.name').allowed).toBe(false);
  });

  it('grants nothing to a role named after a property every object inherits', () => {
    const names = [...new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__'])];
    for (const [coordinate, rule] of Object.entries(POLICY)) {
      for (const name of names) expect(grantFor(rule, { ...principal('police'), roles: [name] }), `${name} ${coordinate}`).toBeNull();
    }
  });

  it('makes each decision once per request, so the field guard, the masks and the audit log read the same one', () => {
    const request = meta(principal('housing'));
    const first = decide(request, 'Person.idNumber');
    expect(decide(request, 'Person.idNumber')).toBe(first);
    // Another request is decided afresh.
    expect(decide(meta(principal('housing')), 'Person.idNumber')).not.toBe(first);
    // What the audit log states for the request is the decision applied, even were the request changed after it.
    (request as { purpose: string | null }).purpose = 'statistics';
    expect(fieldDecisions(request, 'Person', ['idNumber', 'name'])).toEqual({ idNumber: 'masked', name: 'denied' });
  });

  it('needs the permission in the token, not only the role', () => {
    const narrowed = { ...principal('police'), scopes: ['person:read'] };
    expect(decide(meta(narrowed), 'Person.name').allowed).toBe(true);
    expect(decide(meta(narrowed), 'Person.tenancies')).toMatchObject({ allowed: false, reason: 'Person.tenancies needs the permission housing:read' });
  });

  it('denies everything without a verified caller or without a declared purpose', () => {
    expect(decide(meta(null), 'Person.name').allowed).toBe(false);
    expect(decide(meta(principal('police'), null), 'Person.name').allowed).toBe(false);
  });

  it('lets each department write only its own records', () => {
    expect(decide(meta(principal('police')), 'Mutation.registerPerson').allowed).toBe(true);
    expect(decide(meta(principal('housing')), 'Mutation.registerPerson').allowed).toBe(false);
    expect(decide(meta(principal('housing'), 'population-management'), 'Mutation.registerPerson').allowed).toBe(false);
    expect(decide(meta(principal('housing'), 'housing-administration'), 'Mutation.registerHouse').allowed).toBe(true);
    expect(decide(meta(principal('labour'), 'housing-administration'), 'Mutation.registerHouse').allowed).toBe(false);
    expect(decide(meta(principal('grid'), 'community-service'), 'Mutation.registerResidence').allowed).toBe(false);
  });
});

describe('masks', () => {
  it('show the forms the policy promises', () => {
    expect(MASKS.idNumber('510107199001011234')).toBe('510107********1234');
    expect(MASKS.phone('13812345678')).toBe('138****5678');
    expect(MASKS.address('成都市武侯区玉林南路1号')).toBe('成都市武侯区');
    expect(MASKS.address('凉山彝族自治州西昌市航天大道1号')).toBe('凉山彝族自治州西昌市');
    expect(MASKS.serial('5101002025123456')).toBe('************3456');
    expect(MASKS.permitNumber('510100202512345678')).toBe('5101002025****5678');
  });
});

describe('jurisdiction', () => {
  it('confines grid workers to their grids and district offices to their districts', () => {
    const worker = principal('grid', { grids: ['510107001001'] });
    expect(withinJurisdiction(worker, { gridCode: '510107001001', divisionCode: '510107' })).toBe(true);
    expect(withinJurisdiction(worker, { gridCode: '510107001002', divisionCode: '510107' })).toBe(false);
    const district = principal('police', { divisions: ['510107'] });
    expect(withinJurisdiction(district, { gridCode: '510107009003', divisionCode: '510107' })).toBe(true);
    expect(withinJurisdiction(district, { gridCode: '510104001001', divisionCode: '510104' })).toBe(false);
    expect(divisionCovers('510100', '510107')).toBe(true);
    expect(divisionCovers('510000', '511302')).toBe(true);
  });

  it('treats a grid worker without grids as seeing nothing, and an unconfined principal as seeing everything', () => {
    expect(isConfined(principal('grid'))).toBe(true);
    expect(jurisdictionFilter(principal('grid'))).toEqual({ grids: [], divisionPatterns: [] });
    expect(jurisdictionFilter(principal('police'))).toBeNull();
    expect(jurisdictionFilter(principal('police', { divisions: ['510100'] }))).toEqual({ grids: [], divisionPatterns: ['5101%'] });
  });
});

describe('the written policy', () => {
  it('names only fields that exist in the composed API, each masked grant with a mask', () => {
    const schema = apiSchema();
    for (const [coordinate, rule] of Object.entries(POLICY)) {
      const [typeName, fieldName] = coordinate.split('.') as [string, string];
      const type = schema.getType(typeName);
      expect(type && isObjectType(type) && type.getFields()[fieldName], `${coordinate} exists`).toBeTruthy();
      if (Object.values(rule.grants).includes('masked')) expect(rule.mask, `${coordinate} mask`).toBeDefined();
    }
  });

  it('is rendered in docs/policy.md exactly as declared (run `npm run policy:table` after a change)', () => {
    expect(readFileSync(POLICY_TABLE_PATH, 'utf8')).toBe(renderPolicyTable());
  });

  it('is carried into the Apollo Router supergraph as @requiresScopes and @policy (run `npm run policy:router`)', () => {
    const { supergraph } = buildRouterSchemas();
    expect(readFileSync(ROUTER_SUPERGRAPH_PATH, 'utf8')).toBe(supergraph);
    expect(supergraph).toMatch(/keyPersonFlags: \[KeyPersonFlag!\] @join__field\(graph: POLICE\) @requiresScopes\(scopes: \[\["keyperson:read"\]\]\) @policy\(policies: \[\["role:police", "purpose:case-investigation"\], \["role:police", "purpose:public-security"\]\]\)/);
  });
});
