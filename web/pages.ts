import { ANOMALY_RULES } from '../audit/anomalies/rules.js';
import type { ConsoleData } from './console/data.js';
import { departmentOptions } from './department-labels.js';
import type { ExplorerData } from './explorer/data.js';
import type { MyAccessData } from './my-access/data.js';
import { purposeOptions } from './purpose-labels.js';
import type { Label } from './shared/label.js';

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

export const PAGES: readonly PageDefinition[] = [explorer, auditConsole, myAccess];

/** Where a browser opening /graphql is sent. */
export const LANDING_PAGE = explorer.path;

/** The site's name, after each page's title. */
export const SITE_NAME: Label = { zh: '人口数据共享平台', en: 'Population data hub' };

/** Where every bundled file is served, named by its content hash. */
export const ASSET_PREFIX = '/assets/';
