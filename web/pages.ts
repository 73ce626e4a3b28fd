import { PURPOSE_REGISTRY } from '../auth/purposes.js';
import type { Permission } from '../auth/roles.js';
import { DECLARATION_STATUSES, SOCIAL_INSURANCE } from '../subgraphs/declarations/db/schema.js';
import { CONFIRMED_BY, DECLARES, KIND_FIELDS, TEXT_LENGTHS } from '../subgraphs/declarations/rules.js';
import type { CollectionData } from './collection/data.js';
import type { DeclareData } from './declare/data.js';
import { ANOMALY_RULES } from '../audit/anomalies/rules.js';
import type { ConsoleData } from './console/data.js';
import { departmentOptions } from './department-labels.js';
import type { ExplorerData } from './explorer/data.js';
import type { MyAccessData } from './my-access/data.js';
import { purposeOptions } from './purpose-labels.js';
import type { Label } from './shared/label.js';
import type { PurposeOption } from './shared/purposes.js';

/**
 * The hub's web pages, declared once: where each is served, its title, the
 * browser code it runs, and the data it is given. The asset builder
 * (web/assets.ts) bundles every entry, and the gateway serves every page
 * beside /graphql (web/server.ts); tests and docs read this list too.
 */
export interface PageDefinition<TData = unknown> {
  /** The bundle's name: the page's folder under web/, and the start of its asset names. */
  name: string;
  /** Where the page is served: one path segment, e.g. `/explorer`. */
  path: `/${string}`;
  title: Label;
  /** The page's browser code, in its folder: `main.ts` for plain DOM, `main.tsx` where React is needed. */
  entry: string;
  /**
   * What the page reads when it starts, computed from the hub's own tables
   * when the pages are built and embedded in the page as JSON (never as a
   * script): the page shows what the hub enforces, without a copy to drift.
   */
  data?: () => TData;
}

const explorer: PageDefinition<ExplorerData> = {
  name: 'explorer',
  path: '/explorer',
  title: { zh: '接口浏览器', en: 'API explorer' },
  entry: 'main.tsx',
  data: () => ({ purposes: purposeOptions() }),
};

/** The purposes releasing a permission, as the pages are given them. */
function purposesReleasing(permission: Permission): PurposeOption[] {
  const releasing = new Set([...PURPOSE_REGISTRY].filter(([, entry]) => entry.releases.includes(permission)).map(([name]) => name as string));
  return purposeOptions().filter((option) => releasing.has(option.name));
}

const copy = <T extends string>(table: Readonly<Record<string, readonly T[]>>): Record<string, T[]> => Object.fromEntries(Object.entries(table).map(([key, list]) => [key, [...list]]));

const declare: PageDefinition<DeclareData> = {
  name: 'declare',
  path: '/declare',
  title: { zh: '信息申报', en: 'Declaration' },
  entry: 'main.ts',
  data: () => ({
    purposes: purposesReleasing('declaration:write'),
    kindsByRole: copy(DECLARES),
    fieldsByKind: {
      TENANCY: { required: [...KIND_FIELDS.TENANCY.required], optional: [...KIND_FIELDS.TENANCY.optional] },
      EMPLOYMENT: { required: [...KIND_FIELDS.EMPLOYMENT.required], optional: [...KIND_FIELDS.EMPLOYMENT.optional] },
      RESIDENCE: { required: [...KIND_FIELDS.RESIDENCE.required], optional: [...KIND_FIELDS.RESIDENCE.optional] },
    },
    socialInsurance: [...SOCIAL_INSURANCE],
    textLengths: { ...TEXT_LENGTHS },
  }),
};

const collection: PageDefinition<CollectionData> = {
  name: 'collection',
  path: '/collection',
  title: { zh: '申报审核', en: 'Declaration queue' },
  entry: 'main.ts',
  data: () => ({ purposes: purposesReleasing('declaration:review'), kindsByRole: copy(CONFIRMED_BY), statuses: [...DECLARATION_STATUSES] }),
};

const auditConsole: PageDefinition<ConsoleData> = {
  name: 'console',
  path: '/console',
  title: { zh: '审计控制台', en: 'Audit console' },
  entry: 'main.ts',
  data: () => ({
    purposes: purposeOptions(),
    departments: departmentOptions(),
    rules: ANOMALY_RULES.map((rule) => ({ id: rule.id, title: rule.title, titleZh: rule.titleZh, meaning: rule.meaning })),
  }),
};

const myAccess: PageDefinition<MyAccessData> = {
  name: 'my-access',
  path: '/my-access',
  title: { zh: '我的信息被谁查询', en: 'Who accessed my record' },
  entry: 'main.ts',
  data: () => ({ purposes: purposeOptions(), departments: departmentOptions() }),
};

export const PAGES: readonly PageDefinition[] = [explorer, declare, collection, auditConsole, myAccess];

/** Where a browser opening /graphql is sent. */
export const LANDING_PAGE = explorer.path;

/** The site's name, after each page's title. */
export const SITE_NAME: Label = { zh: '人口数据共享平台', en: 'Population data hub' };

/** Where every bundled file is served, named by its content hash. */
export const ASSET_PREFIX = '/assets/';
