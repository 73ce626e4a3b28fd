import type { PurposeOption } from '../shared/purposes.js';

export type DeclarationKind = 'TENANCY' | 'EMPLOYMENT' | 'RESIDENCE';

/** What the queue is given when it is served: who reviews what, from the declarations' rules. */
export interface CollectionData {
  /** The purposes that release reviewing declarations, with the roles that may declare each. */
  purposes: PurposeOption[];
  /** Which kinds each department role confirms. */
  kindsByRole: Record<string, DeclarationKind[]>;
  statuses: string[];
}
