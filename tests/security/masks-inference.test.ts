import { getNamedType, isLeafType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { closure, DISCLOSURE, factsOf, ID_NUMBER_LAYOUT, RESIDENT_TYPES, type Fact } from '../../auth/disclosure.js';
import { MASKS } from '../../auth/masking.js';
import { READ_POLICY, type Access } from '../../auth/policy.js';
import { ROLES, type Role } from '../../auth/roles.js';
import { idNumberCheckChar } from '../../domain/id-number.js';
import { apiSchema } from '../../schema/compose.js';

/*
 * Masks that hold under inference, derived from the policy and the
 * disclosure table: for every role and every field it sees masked, nothing
 * the role can read anywhere else (in full or masked, under any purpose its
 * grants allow) gives away a fact that the mask hides.
 */

/** What a role is granted on each field the disclosure table describes, whatever purpose it declares. */
function grantsOf(role: Role): [coordinate: string, access: Access][] {
  return Object.keys(DISCLOSURE).flatMap((coordinate) => {
    const access = READ_POLICY[coordinate]?.grants[role];
    return access ? [[coordinate, access] as [string, Access]] : [];
  });
}

/** Fields whose disclosure at the role's access includes a fact. */
function sourcesOf(role: Role, fact: Fact): string[] {
  return grantsOf(role)
    .filter(([coordinate, access]) => closure(factsOf(DISCLOSURE[coordinate]!, access, MASKS)).has(fact))
    .map(([coordinate, access]) => `${coordinate} (${access})`);
}

describe('the disclosure table', () => {
  it('describes every field of the types that describe one resident', () => {
    const schema = apiSchema();
    const missing: string[] = [];
    for (const typeName of RESIDENT_TYPES) {
      const type = schema.getType(typeName);
      if (!type || !isObjectType(type)) throw new Error(`${typeName} is not in the composed API`);
      for (const [name, field] of Object.entries(type.getFields())) {
        if (isLeafType(getNamedType(field.type)) && !Object.hasOwn(DISCLOSURE, `${typeName}.${name}`)) missing.push(`${typeName}.${name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('names, for every field the policy masks, the same mask the policy applies', () => {
    for (const [coordinate, rule] of Object.entries(READ_POLICY)) {
      if (!Object.values(rule.grants).includes('masked')) continue;
      const disclosure = DISCLOSURE[coordinate];
      expect(disclosure, `${coordinate} is in the disclosure table`).toBeDefined();
      expect(disclosure && 'mask' in disclosure ? disclosure.mask : undefined, coordinate).toBe(rule.mask);
    }
  });

  it('reads the identity number as GB 11643 does: region, birth date, sequence, check character', () => {
    const number = ID_NUMBER_LAYOUT.sample;
    expect(idNumberCheckChar(number.slice(0, 17))).toBe(number[17]);
    const part = (fact: Fact) => ID_NUMBER_LAYOUT.parts.find((p) => p.fact === fact)!;
    expect(number.slice(part('region.district').from, part('region.district').to)).toBe('510107');
    expect(number.slice(part('birthDate').from, part('birthDate').to)).toBe('19900101');
    expect(Number(number[part('sex').from]) % 2).toBe(1);
  });
});

describe('masks under inference', () => {
  for (const role of ROLES) {
    it(`leaves the ${role} role no way to learn what a mask hides from it`, () => {
      const grants = grantsOf(role);
      const known = closure(grants.flatMap(([coordinate, access]) => factsOf(DISCLOSURE[coordinate]!, access, MASKS)));
      const leaks: string[] = [];
      for (const [coordinate, access] of grants) {
        if (access !== 'masked') continue;
        const disclosure = DISCLOSURE[coordinate]!;
        const shown = closure(factsOf(disclosure, 'masked', MASKS));
        const hidden = [...closure(factsOf(disclosure, 'full', MASKS))].filter((fact) => !shown.has(fact));
        for (const fact of hidden.filter((f) => known.has(f))) {
          leaks.push(`${coordinate} hides ${fact}, but ${role} learns it from ${sourcesOf(role, fact).join(', ') || 'what the others add up to'}`);
        }
      }
      expect(leaks).toEqual([]);
    });
  }

  it('sees each masked field hide something, so a mask is never decoration', () => {
    for (const [coordinate, rule] of Object.entries(READ_POLICY)) {
      if (!rule.mask || !Object.hasOwn(DISCLOSURE, coordinate)) continue;
      const disclosure = DISCLOSURE[coordinate]!;
      const shown = closure(factsOf(disclosure, 'masked', MASKS));
      const hidden = [...closure(factsOf(disclosure, 'full', MASKS))].filter((fact) => !shown.has(fact));
      expect(hidden.length, `${coordinate} hides something`).toBeGreaterThan(0);
    }
  });
});
