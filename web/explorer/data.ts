import type { PurposeOption } from '../shared/purposes.js';

/** What the explorer is given when it is served: the purpose registry, for its purpose field. */
export interface ExplorerData {
  purposes: PurposeOption[];
}
