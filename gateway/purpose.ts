import type { HTTPGraphQLRequest } from '@apollo/server';
import { Kind, OperationTypeNode, type SelectionSetNode } from 'graphql';
import type { ResolvedOperation } from '../platform/request-guards.js';
import { grantedFields } from '../auth/check-grant.js';
import { badRequest, forbiddenRequest } from '../auth/errors.js';
import { HEADER_CASE_ID, HEADER_PURPOSE, type Principal } from '../auth/principal.js';
import { declarablePurposes, isCaseId, isPurpose, mayDeclare, PURPOSE_NAMES, PURPOSE_REGISTRY, type Purpose } from '../auth/purposes.js';

const INTROSPECTION_FIELDS = new Set(['__schema', '__type', '__typename']);

/**
 * True when the operation to run selects nothing but introspection fields:
 * a tool asking what the schema is touches no resident's data, so it needs
 * no purpose. It reads the document the HTTP layer parsed, within the
 * token limit, rather than parsing the text again.
 */
export function isIntrospectionOnly({ document, operation }: ResolvedOperation): boolean {
  const fragments = new Map(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d.selectionSet] as const] : [])),
  );
  const onlyIntrospection = (selectionSet: SelectionSetNode, seen: Set<string>): boolean =>
    selectionSet.selections.every((selection) => {
      if (selection.kind === Kind.FIELD) return INTROSPECTION_FIELDS.has(selection.name.value);
      if (selection.kind === Kind.INLINE_FRAGMENT) return onlyIntrospection(selection.selectionSet, seen);
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (!fragment || seen.has(name)) return false;
      return onlyIntrospection(fragment, new Set([...seen, name]));
    });
  return onlyIntrospection(operation.selectionSet, new Set());
}

/**
 * Refuses what a grant may not ask: anything but the root fields granted to
 * the subgraph it was given to (auth/check-grant.ts grantedFields): for every
 * department the yes/no checks; for the declarations subgraph also the one
 * department mutation a confirmation makes, one per request. Fragments are
 * not needed to ask them, so none are followed. A grant is the writing
 * caller's authority for those fields alone.
 */
export function withinGrant(resolved: ResolvedOperation | undefined, subgraph: string): void {
  const granted = grantedFields(subgraph);
  const kind = resolved?.operation.operation;
  const fields = kind === OperationTypeNode.QUERY ? granted.queries : kind === OperationTypeNode.MUTATION ? granted.mutations : new Set<string>();
  const selections = resolved?.operation.selectionSet.selections ?? [];
  const allowed =
    resolved !== undefined &&
    selections.every((selection) => selection.kind === Kind.FIELD && (fields.has(selection.name.value) || selection.name.value === '__typename')) &&
    (kind !== OperationTypeNode.MUTATION || selections.length === 1);
  if (!allowed) {
    const mutations = granted.mutations.size > 0 ? `, and single mutations of ${[...granted.mutations].join(', ')}` : '';
    throw forbiddenRequest(`A check grant is good only for queries of ${[...granted.queries].join(', ')}${mutations}`);
  }
}

export function operationOf(request: HTTPGraphQLRequest): { query?: string; operationName?: string } {
  if (request.method === 'GET') {
    const params = new URLSearchParams(request.search);
    return { query: params.get('query') ?? undefined, operationName: params.get('operationName') ?? undefined };
  }
  const body = request.body as { query?: unknown; operationName?: unknown } | undefined;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
  return {
    query: typeof body.query === 'string' ? body.query : undefined,
    operationName: typeof body.operationName === 'string' ? body.operationName : undefined,
  };
}

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const accepted = () => PURPOSE_NAMES.join(', ');
const CASE_ID_FORMAT = 'a case number: groups of capital letters and digits joined by hyphens, beginning with a letter, 3 to 64 characters (e.g. CASE-2026-001)';

/** The purpose header as sent, when it names a purpose of use the hub knows; for recording a refused request. */
export function namedPurpose(headers: Record<string, string | string[] | undefined>): Purpose | null {
  const raw = single(headers[HEADER_PURPOSE])?.trim();
  return raw !== undefined && isPurpose(raw) ? raw : null;
}

/**
 * The declared purpose of use and case number of a request, checked against
 * the purpose registry: a purpose the hub knows, that one of the caller's
 * roles may declare, with a case number where the purpose needs one.
 * Without a purpose, only a document of pure introspection gets through.
 */
export function declaredPurpose(
  headers: Record<string, string | string[] | undefined>,
  operation: ResolvedOperation | undefined,
  principal: Principal,
): { purpose: Purpose | null; caseId: string | null } {
  const rawCase = single(headers[HEADER_CASE_ID])?.trim();
  const caseId = rawCase ? rawCase : null;
  if (caseId !== null && !isCaseId(caseId)) throw badRequest(`X-Case-Id must be ${CASE_ID_FORMAT}`);
  const raw = single(headers[HEADER_PURPOSE])?.trim();
  if (!raw) {
    if (operation && isIntrospectionOnly(operation)) return { purpose: null, caseId };
    throw badRequest(`X-Purpose is required: declare why you are accessing residents' data (one of: ${accepted()})`);
  }
  if (!isPurpose(raw)) {
    const shown = raw.length > 64 ? `${raw.slice(0, 64)}…` : raw;
    throw badRequest(`X-Purpose ${JSON.stringify(shown)} is not a purpose of use this hub knows; use one of: ${accepted()}`);
  }
  if (!mayDeclare(principal.roles, raw)) {
    const open = declarablePurposes(principal.roles);
    throw forbiddenRequest(
      `X-Purpose ${raw} may not be declared by the roles ${principal.roles.join(', ')}; ${open.length > 0 ? `they may declare: ${open.join(', ')}` : 'they may declare no purpose'}`,
    );
  }
  if (PURPOSE_REGISTRY.get(raw)?.needsCase && caseId === null) {
    throw badRequest(`X-Purpose ${raw} needs the case it serves in X-Case-Id: ${CASE_ID_FORMAT}`);
  }
  return { purpose: raw, caseId };
}
