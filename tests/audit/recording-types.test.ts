import { buildSubgraphSchema } from '@apollo/subgraph';
import { isObjectType, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { NOT_RESIDENT_DATA, RECORDED_TYPES, isCarrierName } from '../../auth/recorded-types.js';
import { recordingMiddlewares, recordingPlan } from '../../auth/recording.js';
import { SUBGRAPH_NAMES, typeDefsOf } from '../../subgraphs/registry.js';

/*
 * The recorded-types table is checked against every subgraph's own schema:
 * a type nobody classified fails here, before it can be served unrecorded.
 */

const schemas: [string, GraphQLSchema][] = SUBGRAPH_NAMES.map((name) => [name, buildSubgraphSchema({ typeDefs: typeDefsOf(name) })]);

const objectTypes = (schema: GraphQLSchema) =>
  Object.values(schema.getTypeMap()).filter((t) => isObjectType(t) && !t.name.startsWith('__')).map((t) => t.name);

describe('the recorded-types table', () => {
  it('classifies every object type of every subgraph as recorded, a carrier, or not residents’ data', () => {
    const unclassified = schemas.flatMap(([subgraph, schema]) =>
      objectTypes(schema)
        .filter((name) => !Object.hasOwn(RECORDED_TYPES, name) && !Object.hasOwn(NOT_RESIDENT_DATA, name) && !isCarrierName(name))
        .map((name) => `${subgraph}: ${name}`),
    );
    expect(unclassified).toEqual([]);
  });

  it('names no type both recorded and not residents’ data, and no type that no subgraph has', () => {
    const all = new Set(schemas.flatMap(([, schema]) => objectTypes(schema)));
    expect(Object.keys(RECORDED_TYPES).filter((name) => Object.hasOwn(NOT_RESIDENT_DATA, name))).toEqual([]);
    expect([...Object.keys(RECORDED_TYPES), ...Object.keys(NOT_RESIDENT_DATA)].filter((name) => !all.has(name))).toEqual([]);
  });

  it('reads each recorded type’s id from a row, and nothing from a row without it', () => {
    for (const [name, recorded] of Object.entries(RECORDED_TYPES)) {
      const key = recorded.id.match(/^row\.(\w+)/)?.[1];
      expect(key, name).toBeDefined();
      expect(recorded.idOf({ [key!]: 'record-1' }), name).toBe('record-1');
      expect(recorded.idOf({}), name).toBeNull();
    }
  });
});

describe('where recording is applied', () => {
  it('wraps every field of every subgraph that answers a recorded type, through lists and connections, and _entities', () => {
    for (const [subgraph, schema] of schemas) {
      const wrapped = recordingMiddlewares(schema);
      for (const type of Object.values(schema.getTypeMap())) {
        if (!isObjectType(type) || type.name.startsWith('__') || type.name.endsWith('Edge')) continue;
        for (const [field, definition] of Object.entries(type.getFields())) {
          const plan = recordingPlan(definition);
          const isWrapped = Object.hasOwn(wrapped, type.name) && Object.hasOwn(wrapped[type.name]!, field);
          const expected = plan !== null || (type.name === 'Query' && field === '_entities');
          expect(isWrapped, `${subgraph}: ${type.name}.${field}`).toBe(expected);
        }
      }
    }
  });

  it('covers the relations and payloads that once served residents unrecorded', () => {
    const police = recordingMiddlewares(schemas.find(([name]) => name === 'police')![1]);
    const labour = recordingMiddlewares(schemas.find(([name]) => name === 'labour')![1]);
    expect(Object.keys(police.ResidenceRegistration ?? {})).toEqual(expect.arrayContaining(['person', 'grid', 'house']));
    expect(Object.keys(police.PersonPayload ?? {})).toEqual(['person']);
    expect(Object.keys(police.Query ?? {})).toEqual(expect.arrayContaining(['grid', 'grids', '_entities']));
    expect(Object.keys(labour.Query ?? {})).toEqual(expect.arrayContaining(['employer', 'employerByCreditCode', 'employers']));
  });
});
