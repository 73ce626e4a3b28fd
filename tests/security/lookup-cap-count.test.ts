import { getNamedType, isInputObjectType, isObjectType, Kind, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { READ_POLICY, WRITE_POLICY } from '../../auth/policy.js';
import { countIdentityNumberLookups, IDENTITY_NUMBER_ARGUMENTS, IDENTITY_NUMBER_LISTS, KEPT_AS_DECLARED, LOOKED_UP_THROUGH, lookupCapSettingsFromEnv, DEFAULT_IMPORT_LOOKUPS } from '../../gateway/lookup-cap.js';
import { parseEnv } from '../../hub/env.js';
import { apiSchema } from '../../schema/compose.js';

const schema = apiSchema();
const NUMBER = /^id_?number$/i;

function count(query: string, variables: Record<string, unknown> = {}, operationName?: string): number {
  const document = parse(query);
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName)! : operations[0]!;
  return countIdentityNumberLookups(schema, document, operation, variables);
}

describe('counting look-ups by full identity number', () => {
  it('counts every argument of the API that takes an identity number', () => {
    const found: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        for (const argument of field.args) if (NUMBER.test(argument.name)) found.push(`${type.name}.${field.name}(${argument.name})`);
      }
    }
    expect(found.length).toBeGreaterThan(0);
    // A field that finds its person through a counted look-up made through the hub is counted there, once.
    const through = found.filter((f) => LOOKED_UP_THROUGH.has(f.replace(/\(.*$/, '')));
    for (const f of through) {
      const lookup = LOOKED_UP_THROUGH.get(f.replace(/\(.*$/, ''))!;
      expect(IDENTITY_NUMBER_ARGUMENTS.has(lookup) || IDENTITY_NUMBER_LISTS.has(lookup), `${f} is counted through ${lookup}`).toBe(true);
    }
    expect(found.filter((f) => !through.includes(f)).sort()).toEqual([...IDENTITY_NUMBER_ARGUMENTS].map(([coordinate, argument]) => `${coordinate}(${argument})`).sort());
  });

  it('leaves uncounted only inputs taking a number that just the roles reading numbers in full may send, or that are looked up through a counted check', () => {
    const fullReaders = new Set(Object.entries(READ_POLICY['Person.idNumber']!.grants).filter(([, access]) => access === 'full').map(([role]) => role));
    const mutationType = schema.getMutationType()!;
    const queryType = schema.getQueryType()!;
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isInputObjectType(type) || !Object.keys(type.getFields()).some((name) => NUMBER.test(name))) continue;
      const queries = Object.values(queryType.getFields()).filter((field) => field.args.some((a) => getNamedType(a.type).name === type.name));
      // A question list of numbers read by a query is counted item by item.
      for (const field of queries) expect(IDENTITY_NUMBER_LISTS.has(`Query.${field.name}`), `Query.${field.name} counts each ${type.name}`).toBe(true);
      const users = Object.values(mutationType.getFields()).filter((field) => field.args.some((a) => getNamedType(a.type).name === type.name));
      expect(users.length + queries.length, `${type.name} is an input of a mutation or a counted check`).toBeGreaterThan(0);
      for (const field of users) {
        const rule = WRITE_POLICY[`Mutation.${field.name}`];
        expect(rule, `Mutation.${field.name} is in the policy`).toBeDefined();
        // Kept as declared, answered alike whoever the number names: no look-up to count.
        if (KEPT_AS_DECLARED.has(`Mutation.${field.name}`)) continue;
        const through = LOOKED_UP_THROUGH.get(`Mutation.${field.name}`);
        if (through !== undefined) {
          expect(IDENTITY_NUMBER_LISTS.has(through), `Mutation.${field.name} looks its number up through ${through}, which is counted`).toBe(true);
          continue;
        }
        for (const role of Object.keys(rule!.grants)) expect(fullReaders.has(role), `${role} may send Mutation.${field.name}`).toBe(true);
      }
    }
  });

  it('counts each question of an identity check that gives a number, written out or in a variable', () => {
    expect(count(`{ identityChecks(checks: [{ idNumber: "1", name: "a" }, { idNumber: "2", name: "b" }]) { confirmed } }`)).toBe(2);
    expect(count(`query($c: [IdentityCheckInput!]!) { identityChecks(checks: $c) { confirmed } }`, { c: [{ idNumber: '1', name: 'a' }, { idNumber: '2', name: 'b' }, { idNumber: '3', name: 'c' }] })).toBe(3);
    expect(count(`query($n: String!) { a: identityChecks(checks: [{ idNumber: $n, name: "a" }]) { confirmed } b: identityChecks(checks: { idNumber: "2", name: "b" }) { confirmed } }`, { n: '1' })).toBe(2);
  });

  it('counts each alias, and each look-up inside a fragment', () => {
    expect(count(`{ a: personByIdNumber(idNumber: "1") { name } b: personByIdNumber(idNumber: "2") { name } }`)).toBe(2);
    expect(count(`query { ...F c: personByIdNumber(idNumber: "3") { id } } fragment F on Query { a: personByIdNumber(idNumber: "1") { name } b: personByIdNumber(idNumber: "2") { name } }`)).toBe(3);
    expect(count(`{ ... on Query { personByIdNumber(idNumber: "1") { name } } }`)).toBe(1);
  });

  it('counts a number given in a variable or its default, and not one left out or null', () => {
    const query = `query($n: String, $d: String = "2") { a: residentsInPartnerCities(idNumber: $n) { edges { cursor } } b: arrivalsFromPartnerCities(idNumber: $d) { edges { cursor } } }`;
    expect(count(query, { n: '1' })).toBe(2);
    expect(count(query, { n: null })).toBe(1);
    expect(count(query, { n: null, d: null })).toBe(0);
    expect(count(`{ residentsInPartnerCities(first: 3) { edges { cursor } } arrivalsFromPartnerCities(idNumber: null) { edges { cursor } } }`)).toBe(0);
  });

  it('counts only the operation that runs, not another one in the same document', () => {
    const document = `query One { personByIdNumber(idNumber: "1") { name } } query Two { a: personByIdNumber(idNumber: "1") { name } b: personByIdNumber(idNumber: "2") { name } }`;
    expect(count(document, {}, 'One')).toBe(1);
    expect(count(document, {}, 'Two')).toBe(2);
  });

  it('counts nothing in an operation that names no resident by number', () => {
    expect(count(`{ persons(first: 5) { edges { node { idNumber name } } } }`)).toBe(0);
  });
});

describe('the look-up cap setting', () => {
  it('is 60 an hour by default, set by LOOKUP_CAP_PER_HOUR, and a bad value names the variable', () => {
    expect(lookupCapSettingsFromEnv(parseEnv({}))).toEqual({ lookups: 60, windowSeconds: 3_600, importLookups: DEFAULT_IMPORT_LOOKUPS });
    expect(lookupCapSettingsFromEnv(parseEnv({ LOOKUP_CAP_PER_HOUR: '20' }))).toEqual({ lookups: 20, windowSeconds: 3_600, importLookups: DEFAULT_IMPORT_LOOKUPS });
    expect(() => parseEnv({ LOOKUP_CAP_PER_HOUR: '0' })).toThrow(/LOOKUP_CAP_PER_HOUR/);
    expect(() => parseEnv({ LOOKUP_CAP_PER_HOUR: 'many' })).toThrow(/LOOKUP_CAP_PER_HOUR="many"/);
  });

  it("counts imports' look-ups apart, IMPORT_LOOKUP_CAP_PER_HOUR of them an hour, and a bad value names the variable", () => {
    expect(lookupCapSettingsFromEnv(parseEnv({ IMPORT_LOOKUP_CAP_PER_HOUR: '5000' }))).toEqual({ lookups: 60, windowSeconds: 3_600, importLookups: 5_000 });
    expect(() => parseEnv({ IMPORT_LOOKUP_CAP_PER_HOUR: '0' })).toThrow(/IMPORT_LOOKUP_CAP_PER_HOUR/);
    expect(() => parseEnv({ IMPORT_LOOKUP_CAP_PER_HOUR: 'many' })).toThrow(/IMPORT_LOOKUP_CAP_PER_HOUR="many"/);
  });
});
