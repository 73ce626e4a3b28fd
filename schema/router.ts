import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import {
  Kind,
  parse,
  print,
  visit,
  type ConstDirectiveNode,
  type ConstListValueNode,
  type ConstValueNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
} from 'graphql';
import { FEDERATION_FIELDS, POLICY, isCarrierType, scopesOf, type FieldRule } from '../auth/policy.js';
import { PURPOSE_NAMES, releases } from '../auth/purposes.js';
import { fromRoot } from '../platform/paths.js';
import { SUBGRAPH_NAMES, SUBGRAPHS } from '../subgraphs/registry.js';
import { defaultRoutingUrl } from './compose.js';
import { isEntryPoint } from '../platform/entry.js';

/**
 * The hub's policy in Apollo Router's authorization vocabulary, so a city that
 * replaces the gateway with Apollo Router keeps its rules at the edge:
 * `@requiresScopes` carries the permission a field needs, `@policy` the roles
 * and purposes that release it (`role:<name>`, `purpose:<name>`, all of an
 * inner list required, any inner list sufficing), and fields the policy does
 * not name carry `@policy(policies: [["deny"]])`. Masking and row-level
 * jurisdiction stay with the subgraphs, which enforce everything again.
 */

export const ROUTER_SUPERGRAPH_PATH = fromRoot('schema', 'supergraph.router.graphql');
export const routerSubgraphPath = (name: string) => fromRoot('schema', 'router', `${name}.graphql`);

const stringList = (values: readonly string[]): ConstListValueNode => ({
  kind: Kind.LIST,
  values: values.map((value): ConstValueNode => ({ kind: Kind.STRING, value })),
});

const directive = (name: string, argument: string, lists: readonly (readonly string[])[]): ConstDirectiveNode => ({
  kind: Kind.DIRECTIVE,
  name: { kind: Kind.NAME, value: name },
  arguments: [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: argument }, value: { kind: Kind.LIST, values: lists.map(stringList) } }],
});

/**
 * The role × purpose combinations that release a field, as @policy's
 * OR-of-ANDs: each granted role with each purpose the registry releases the
 * field's permission for (and the field's own purposes, where it names any).
 * Whether a caller may declare `purpose:<name>` at all is the registry's
 * other half, checked where the purpose is declared, as the gateway does.
 */
export function policyAlternatives(rule: FieldRule): string[][] {
  const roles = Object.keys(rule.grants).map((role) => `role:${role}`);
  const purposes = (rule.purposes ?? PURPOSE_NAMES).filter((purpose) => scopesOf(rule).some((scope) => releases(purpose, scope)));
  const alternatives = roles.flatMap((role) => purposes.map((purpose) => [role, `purpose:${purpose}`]));
  return alternatives.length > 0 ? alternatives : [['deny']];
}

function annotate(typeName: string, field: FieldDefinitionNode): FieldDefinitionNode {
  if (isCarrierType(typeName) || FEDERATION_FIELDS.has(`${typeName}.${field.name.value}`)) return field;
  const rule = POLICY[`${typeName}.${field.name.value}`];
  const added = rule
    ? [directive('requiresScopes', 'scopes', scopesOf(rule).map((scope) => [scope])), directive('policy', 'policies', policyAlternatives(rule))]
    : [directive('policy', 'policies', [['deny']])];
  return { ...field, directives: [...(field.directives ?? []), ...added] };
}

/** A subgraph's SDL with the policy's directives added and imported. */
export function annotateSubgraph(document: DocumentNode): DocumentNode {
  const onType = (node: ObjectTypeDefinitionNode | ObjectTypeExtensionNode) => ({
    ...node,
    fields: node.fields?.map((field) => annotate(node.name.value, field)),
  });
  return visit(document, {
    ObjectTypeDefinition: onType,
    ObjectTypeExtension: onType,
    Directive(node) {
      if (node.name.value !== 'link') return undefined;
      return {
        ...node,
        arguments: node.arguments?.map((argument) =>
          argument.name.value === 'import' && argument.value.kind === Kind.LIST
            ? { ...argument, value: { ...argument.value, values: [...argument.value.values, ...stringList(['@requiresScopes', '@policy']).values] } }
            : argument,
        ),
      };
    },
  });
}

export function buildRouterSchemas(): { subgraphs: Record<string, string>; supergraph: string } {
  const annotated = SUBGRAPH_NAMES.map((name) => ({
    name,
    sdl: `${print(annotateSubgraph(parse(readFileSync(fromRoot(SUBGRAPHS[name].sdl), 'utf8'))))}
`,
  }));
  const subgraphs = Object.fromEntries(annotated.map((s) => [s.name, s.sdl]));
  const result = composeServices(annotated.map((s) => ({ name: s.name, url: defaultRoutingUrl(s.name), typeDefs: parse(s.sdl) })));
  if (result.errors) throw new Error(`Router supergraph composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  return { subgraphs, supergraph: result.supergraphSdl };
}

if (isEntryPoint(import.meta.url)) {
  const { subgraphs, supergraph } = buildRouterSchemas();
  mkdirSync(fromRoot('schema', 'router'), { recursive: true });
  for (const [name, sdl] of Object.entries(subgraphs)) writeFileSync(routerSubgraphPath(name), sdl);
  writeFileSync(ROUTER_SUPERGRAPH_PATH, supergraph);
  process.stdout.write(`Wrote ${ROUTER_SUPERGRAPH_PATH} and schema/router/*.graphql\n`);
}
