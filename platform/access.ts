import type { GraphQLResolveInfo, SelectionNode } from 'graphql';
import type { RequestMeta } from '../auth/principal.js';
import type { Logger } from './logger.js';

/** One act of reading residents' data: which type, which records, which fields. */
export interface ResidentAccess {
  type: string;
  ids: readonly string[];
  fields: readonly string[];
}

/**
 * The single place a data-owning subgraph reports what it is about to return.
 * Every resident-data resolver goes through `record` before handing data out.
 */
export interface AccessRecorder {
  record(meta: RequestMeta, access: ResidentAccess): Promise<void>;
}

/** Writes accesses to the structured log; used until a dedicated audit store is configured. */
export class LogAccessRecorder implements AccessRecorder {
  constructor(
    private readonly logger: Logger,
    private readonly subgraph: string,
  ) {}

  async record(meta: RequestMeta, access: ResidentAccess): Promise<void> {
    this.logger.debug(
      {
        subgraph: this.subgraph,
        requestId: meta.requestId,
        purpose: meta.purpose,
        caseId: meta.caseId,
        subject: meta.principal?.subject ?? null,
        type: access.type,
        ids: access.ids.length <= 20 ? access.ids : access.ids.slice(0, 20),
        count: access.ids.length,
        fields: access.fields,
      },
      'resident data access',
    );
  }
}

/**
 * The field names selected directly under the resolved field, looking through
 * inline fragments and named fragments (as `_entities` queries use them).
 */
export function selectedFields(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): string[] {
  const names = new Set<string>();
  const visit = (selections: readonly SelectionNode[], seen: Set<string>): void => {
    for (const selection of selections) {
      if (selection.kind === 'Field') {
        if (!selection.name.value.startsWith('__')) names.add(selection.name.value);
      } else if (selection.kind === 'InlineFragment') {
        visit(selection.selectionSet.selections, seen);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = info.fragments[selection.name.value];
        if (fragment) visit(fragment.selectionSet.selections, seen);
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet?.selections ?? [], new Set());
  return [...names];
}
