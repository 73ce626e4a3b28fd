import { jurisdictionFilter } from '../../auth/jurisdiction.js';
import type { AccessRecorder } from '../../auth/access.js';
import type { Database } from '../../platform/db.js';
import type { SubgraphModule } from '../../auth/subgraph.js';
import { loadTypeDefs } from '../../platform/subgraph.js';
import type { LabourContext } from './context.js';
import * as schema from './db/schema.js';
import { createLabourLoaders } from './loaders.js';
import { resolvers } from './resolvers.js';
import { LabourRules } from './rules.js';
import { LabourStore } from './store.js';
import { ImportJobs } from '../import/jobs.js';
import { labourImportKinds } from './imports.js';
import { eventsCommitted } from '../../events/outbox.js';

export interface LabourSubgraphOptions {
  database: Database<typeof schema>;
  access: AccessRecorder;
}

/** The labour subgraph: employers (用人单位) and the employments (就业登记) of residents. */
export function createLabourSubgraph(options: LabourSubgraphOptions): SubgraphModule<LabourContext> {
  const store = new LabourStore(options.database.db);
  const rules = new LabourRules(store);
  // ── Imports of legacy records (docs/import.md) ──
  const imports = new ImportJobs({
    department: 'labour',
    db: options.database.db,
    kinds: labourImportKinds(store),
    access: options.access,
    committed: () => eventsCommitted(options.database.db),
  });
  // ── end ──
  return {
    name: 'labour',
    typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
    resolvers,
    createContext: (meta, checks) => {
      const jurisdiction = jurisdictionFilter(meta.principal);
      return { meta, access: options.access, checks, store, rules, imports, loaders: createLabourLoaders(store, jurisdiction), jurisdiction };
    },
    ready: () => store.ping(),
  };
}

export { schema as labourSchema };
