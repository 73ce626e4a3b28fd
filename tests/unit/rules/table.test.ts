import { readFileSync } from 'node:fs';
import { getNamedType, isInputObjectType, isObjectType, type GraphQLInputObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { apiSchema } from '../../../schema/compose.js';
import { RULES_TABLE_PATH, renderRulesTable } from '../../../schema/rules-table.js';
import { loadTypeDefs } from '../../../platform/subgraph.js';
import { RECORD_RULE_TABLES, RECORD_RULES } from '../../../subgraphs/record-rules.js';
import type { RecordRule } from '../../../platform/record-rules.js';
import { Kind } from 'graphql';

const schema = apiSchema();
const mutations = schema.getMutationType()!.getFields();

/** The input object a mutation takes as `input`. */
function inputOf(mutation: string): GraphQLInputObjectType {
  const argument = mutations[mutation]!.args.find((a) => a.name === 'input');
  const type = argument ? getNamedType(argument.type) : undefined;
  if (!type || !isInputObjectType(type)) throw new Error(`${mutation} takes no input object`);
  return type;
}

/** The input field a path like `input.tenantId` names, or undefined. */
const inputField = (mutation: string, path: string) => {
  const [root, name, ...rest] = path.split('.');
  return root === 'input' && rest.length === 0 && name ? inputOf(mutation).getFields()[name] : undefined;
};

/** Mutations each department's own subgraph declares. */
function mutationsOf(department: string): Set<string> {
  const document = loadTypeDefs(new URL(`../../../subgraphs/${department}/schema.graphql`, import.meta.url));
  const names = document.definitions.flatMap((d) =>
    (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION) && d.name.value === 'Mutation' ? (d.fields ?? []).map((f) => f.name.value) : [],
  );
  return new Set(names);
}

/** The input date fields a line reads, by kind; a person rule judged on the day of the write (`today`) reads none. */
const dateFieldsOf = (rule: RecordRule): string[] =>
  rule.kind === 'person' ? [rule.dateField, ...(rule.untilField ? [rule.untilField] : [])].filter((field) => field !== 'today') : rule.kind === 'order' ? [rule.field] : [];

describe('the record rules table', () => {
  it('is what docs/rules.md shows (run `npm run rules:table`)', () => {
    expect(readFileSync(RULES_TABLE_PATH, 'utf8')).toBe(renderRulesTable());
  });

  it('names each rule once', () => {
    const ids = RECORD_RULES.map((rule) => rule.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  for (const [department, rules] of RECORD_RULE_TABLES) {
    it(`holds only ${department}'s own mutations, each line naming a field its input has`, () => {
      const own = mutationsOf(department);
      for (const rule of rules) {
        expect(own.has(rule.mutation), `${rule.id}: ${rule.mutation} is a ${department} mutation`).toBe(true);
        expect(isObjectType(getNamedType(mutations[rule.mutation]!.type)), rule.id).toBe(true);
        expect(inputField(rule.mutation, rule.field), `${rule.id}: ${rule.field}`).toBeDefined();
        for (const dateField of dateFieldsOf(rule)) {
          expect(getNamedType(inputField(rule.mutation, dateField)!.type).name, `${rule.id}: ${dateField} is a date`).toBe('Date');
        }
        if (rule.kind === 'vocabulary') {
          expect(rule.values.length, rule.id).toBeGreaterThan(0);
          expect(new Set(rule.values).size, `${rule.id}: no value twice`).toBe(rule.values.length);
        }
        if (rule.kind === 'address' && rule.divisionField) expect(inputField(rule.mutation, rule.divisionField), `${rule.id}: ${rule.divisionField}`).toBeDefined();
        expect(rule.says.trim().length, `${rule.id} says what it refuses`).toBeGreaterThan(10);
      }
    });
  }
});
