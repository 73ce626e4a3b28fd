import { describe, expect, it } from 'vitest';
import { declarablePurposes, PURPOSE_NAMES } from '../../../auth/purposes.js';
import { ROLES } from '../../../auth/roles.js';
import { purposeOptions } from '../../../web/purpose-labels.js';
import { declarable } from '../../../web/shared/purposes.js';

describe('the purposes a page offers', () => {
  it('are, for every role and pair of roles, exactly those the gateway lets the roles declare', () => {
    const options = purposeOptions();
    const wrong: string[] = [];
    for (const role of ROLES) {
      for (const other of ROLES) {
        const roles = [...new Set([role, other])];
        const offered = declarable(options, roles).map((p) => p.name);
        const allowed = declarablePurposes(roles);
        if (JSON.stringify(offered) !== JSON.stringify(allowed)) wrong.push(`${roles.join('+')}: offered ${offered.join(',')}, allowed ${allowed.join(',')}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('are none for roles the hub does not know', () => {
    expect(declarable(purposeOptions(), ['nobody'])).toEqual([]);
  });

  it('name every purpose of the registry, in its order, in both languages', () => {
    const options = purposeOptions();
    expect(options.map((p) => p.name)).toEqual(PURPOSE_NAMES);
    for (const option of options) {
      expect(option.label.zh, option.name).toMatch(/^\p{Script=Han}+$/u);
      expect(option.label.en, option.name).toMatch(/^[A-Z][a-z -]+$/);
    }
    expect(new Set(options.map((p) => p.label.zh)).size, 'no two purposes share a name').toBe(options.length);
  });
});
