import '../shared/style.css';
import './console.css';
import { el } from '../shared/dom.js';
import { graphql, showProblems, type Answer, type GraphQLBody } from '../shared/graphql.js';
import { format, languageSwitch, onLanguageChange, t } from '../shared/i18n.js';
import type { Label } from '../shared/label.js';
import { labelOf } from '../shared/labels.js';
import { startPage } from '../shared/page-data.js';
import { currentSession, onSessionChange } from '../shared/session.js';
import { mountSignIn } from '../shared/sign-in.js';
import { instant, lastDays, periodOf } from '../shared/time.js';
import { dailyBars, type ChartSeries } from './charts.js';
import type { ConsoleData } from './data.js';

/**
 * The auditors' console: the log at a glance for a period, a resident's
 * history by identity number, an officer against their department's usual,
 * and the anomaly flags to review. Every request goes through the gateway as
 * the signed-in auditor, declaring the purpose `audit`, and is recorded like
 * any read of the log.
 */

const PURPOSE = 'audit';
const PAGE_SIZE = 20;

const TEXT = {
  purpose: { zh: '用途：', en: 'Purpose: ' },
  signInFirst: { zh: '请粘贴审计员令牌登录。', en: 'Paste an auditor’s token to sign in.' },
  notAuditor: { zh: '此令牌不含审计员角色：平台将拒绝其请求。', en: 'This token has no auditor role: the hub will refuse its requests.' },
  overview: { zh: '概览', en: 'Overview' },
  resident: { zh: '居民访问记录', en: 'A resident’s history' },
  officer: { zh: '人员活动', en: 'An officer’s activity' },
  flags: { zh: '异常标记', en: 'Anomaly flags' },
  firstDay: { zh: '起始日', en: 'From' },
  lastDay: { zh: '截止日（含）', en: 'To (inclusive)' },
  show: { zh: '查看', en: 'Show' },
  loading: { zh: '正在读取…', en: 'Loading…' },
  requests: { zh: '请求', en: 'Requests' },
  accesses: { zh: '访问', en: 'Accesses' },
  recordsServed: { zh: '提供的记录', en: 'Records served' },
  fullAccesses: { zh: '完整', en: 'In full' },
  maskedAccesses: { zh: '脱敏', en: 'Masked' },
  deniedAccesses: { zh: '拒绝', en: 'Denied' },
  refusals: { zh: '被拒请求', en: 'Refused requests' },
  rateLimitHits: { zh: '限流与查询上限', en: 'Rate and look-up cap hits' },
  openFlags: { zh: '待处理异常标记', en: 'Open anomaly flags' },
  withheld: { zh: '暂不向居民显示的访问', en: 'Accesses withheld from residents' },
  byDepartment: { zh: '按部门的每日访问', en: 'Accesses per day by department' },
  byPurpose: { zh: '按用途的每日访问', en: 'Accesses per day by purpose' },
  byDecision: { zh: '按决定的每日访问', en: 'Accesses per day by decision' },
  byReason: { zh: '按原因的每日被拒请求', en: 'Refused requests per day by reason' },
  integrity: { zh: '日志完整性', en: 'The log’s integrity' },
  noIntegrity: { zh: '受辖区限制的审计员不显示完整性。', en: 'A confined auditor is shown no integrity.' },
  lastVerification: { zh: '最近一次校验', en: 'Last verification' },
  neverVerified: { zh: '尚无校验记录', en: 'None recorded yet' },
  verification: { zh: '{time}，{result}：{chains} 条链，{events} 个事件，{problems} 个链问题，{evidence} 个证据问题，执行者 {by}', en: '{time}, {result}: {chains} chains, {events} events, {problems} chain problems, {evidence} evidence problems, run by {by}' },
  intact: { zh: '完好', en: 'intact' },
  broken: { zh: '有问题', en: 'problems found' },
  verifyNow: { zh: '立即校验', en: 'Verify now' },
  latestCheckpoint: { zh: '最新签名检查点', en: 'Latest signed checkpoint' },
  noCheckpoint: { zh: '无（或无公钥可校验）', en: 'None (or no key to check one)' },
  checkpoint: { zh: '第 {seq} 号，{time}，哈希 {hash}', en: 'No. {seq}, {time}, hash {hash}' },
  witnesses: { zh: '伙伴城市见证', en: 'Partner cities’ witnesses' },
  noWitnesses: { zh: '尚无伙伴城市见证', en: 'No partner city has witnessed one yet' },
  city: { zh: '城市', en: 'City' },
  witnessedSeq: { zh: '见证的检查点', en: 'Checkpoint witnessed' },
  keyFingerprint: { zh: '密钥指纹', en: 'Key fingerprint' },
  latestWitnessed: { zh: '所有伙伴均已见证最新检查点', en: 'Every partner witnessed the latest checkpoint' },
  notLatestWitnessed: { zh: '尚有伙伴未见证最新检查点', en: 'Some partner has not witnessed the latest checkpoint' },
  unknownKey: { zh: '（未注明）', en: '(none named)' },
  idNumber: { zh: '身份证号', en: 'Identity number' },
  lookUp: { zh: '查询', en: 'Look up' },
  nobody: { zh: '登记中没有此身份证号的居民。', en: 'The register holds nobody under this number.' },
  historyOf: { zh: '居民 {personId}：已显示 {shown} 条访问；其中 {withheld} 条暂不向居民本人显示。', en: 'Resident {personId}: {shown} accesses shown; {withheld} of all are withheld from the resident for now.' },
  noAccess: { zh: '没有访问记录。', en: 'No access recorded.' },
  more: { zh: '更多', en: 'More' },
  when: { zh: '时间', en: 'When' },
  department: { zh: '部门', en: 'Department' },
  subject: { zh: '人员', en: 'Officer' },
  fields: { zh: '字段与决定', en: 'Fields and decisions' },
  caseId: { zh: '案件', en: 'Case' },
  record: { zh: '记录', en: 'Record' },
  export: { zh: '导出签名文件', en: 'Export the signed file' },
  exported: { zh: '保存 {file}（{events} 个事件，密钥 {keyId}）', en: 'Save {file} ({events} events, key {keyId})' },
  anyDepartment: { zh: '（按其访问记录）', en: '(as their accesses name)' },
  noActivity: { zh: '此期间内没有此人员的访问记录。', en: 'No access by this officer in the period.' },
  officerOf: { zh: '{subject}，{department}；本部门其他有访问的人员 {officers} 名', en: '{subject}, {department}; {officers} other officers of the department accessed anything' },
  spreads: { zh: '与本部门常态对比（按有访问的日计）', en: 'Against the department’s usual (per day with any access)' },
  measure: { zh: '指标', en: 'Measure' },
  thisOfficer: { zh: '此人员', en: 'This officer' },
  theDepartment: { zh: '本部门其他人员', en: 'The department’s others' },
  spread: { zh: '中位数 {median}，90% 分位 {p90}，最多 {max}（{days} 日）', en: 'median {median}, 90th percentile {p90}, max {max} ({days} days)' },
  accessesPerDay: { zh: '每日访问', en: 'Accesses per day' },
  residentsPerDay: { zh: '每日涉及居民', en: 'Residents per day' },
  aboveP90: { zh: '涉及居民数高于本部门 90% 分位的日子：', en: 'Days with more residents than the department’s 90th percentile: ' },
  none: { zh: '无', en: 'none' },
  nothingInPeriod: { zh: '此期间内没有。', en: 'None in the period.' },
  distinctResidents: { zh: '涉及居民', en: 'Residents' },
  typeName: { zh: '记录类型', en: 'Type of record' },
  perPurpose: { zh: '按用途', en: 'By purpose' },
  purposeColumn: { zh: '用途', en: 'Purpose' },
  records: { zh: '记录数', en: 'Records' },
  officerDaily: { zh: '此人员每日的访问与涉及居民', en: 'This officer’s accesses and residents per day' },
  latestAccesses: { zh: '期间内最近的访问', en: 'Latest accesses in the period' },
  status: { zh: '状态', en: 'Status' },
  rule: { zh: '规则', en: 'Rule' },
  allRules: { zh: '全部规则', en: 'Every rule' },
  allStatuses: { zh: '全部状态', en: 'Every status' },
  refresh: { zh: '刷新', en: 'Refresh' },
  flagCount: { zh: '共 {count} 个标记', en: '{count} flags' },
  noFlags: { zh: '没有符合条件的标记。', en: 'No flag matches.' },
  flagWho: { zh: '{subject}（{department}），{start} 至 {end}', en: '{subject} ({department}), {start} to {end}' },
  observed: { zh: '观测值', en: 'Observed' },
  threshold: { zh: '阈值', en: 'Threshold' },
  baseline: { zh: '本人基线', en: 'Own baseline' },
  departmentBaseline: { zh: '部门基线', en: 'Department baseline' },
  value: { zh: '数值', en: 'Value' },
  meaning: { zh: '含义', en: 'Meaning' },
  reviews: { zh: '复核记录', en: 'Reviews' },
  review: { zh: '{time}，{reviewer}：{verdict}', en: '{time}, {reviewer}: {verdict}' },
  addressedTo: { zh: '（致 {department}）', en: ' (to {department})' },
  note: { zh: '复核意见（质询时必填，将发送至该人员所在部门：{department}）', en: 'Note (needed to question: it goes to the officer’s department, {department})' },
} satisfies Record<string, Label>;

const FULL: Label = { zh: '完整', en: 'In full' };
const MASKED: Label = { zh: '脱敏', en: 'Masked' };
const DENIED: Label = { zh: '拒绝', en: 'Denied' };
/** A decision, as the overview names an access's and an event a field's. */
const DECISIONS: Readonly<Record<string, Label>> = { FULL, MASKED, DENIED };
const decisionText = (labels: Readonly<Record<string, Label>>, key: string) => {
  const label = labels[key];
  return label ? t(label) : key;
};

const STATUSES: Readonly<Record<string, Label>> = {
  OPEN: { zh: '待处理', en: 'Open' },
  JUSTIFIED: { zh: '有正当理由', en: 'Justified' },
  QUESTIONED: { zh: '已质询', en: 'Questioned' },
  ESCALATED: { zh: '已上报', en: 'Escalated' },
};

const VERDICTS = ['JUSTIFIED', 'QUESTIONED', 'ESCALATED'] as const;
const UNNAMED: Label = { zh: '（未知）', en: '(none named)' };

const { title, data } = startPage<ConsoleData>();

// ─── What the API answers ──────────────────────────────────────────────────

interface DailyCounts {
  key: string | null;
  counts: number[];
  total: number;
}

interface Overview {
  days: string[];
  totals: Record<'requests' | 'accesses' | 'recordsServed' | 'fullAccesses' | 'maskedAccesses' | 'deniedAccesses' | 'refusals' | 'rateLimitHits', number>;
  accessesByDepartment: DailyCounts[];
  accessesByPurpose: DailyCounts[];
  accessesByDecision: DailyCounts[];
  refusalsByReason: DailyCounts[];
  withheldFromResidents: { accesses: number };
  integrity: {
    lastVerification: { verifiedAt: string; ok: boolean; chains: number; events: number; problems: number; evidenceProblems: number; ranBy: string } | null;
    latestCheckpoint: { seq: number; at: string; hash: string } | null;
    witnesses: { city: string; keyFingerprint: string | null; checkpointSeq: number }[];
    latestWitnessed: boolean;
  } | null;
}

interface AccessEvent {
  id: string;
  occurredAt: string;
  subject: string | null;
  department: string | null;
  purpose: string | null;
  caseId: string | null;
  subgraph: string | null;
  typeName: string | null;
  recordIds: string[];
  fields: { field: string; decision: string }[];
}

interface EventPage {
  edges: { node: AccessEvent }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

interface Spread {
  days: number;
  median: number;
  p90: number;
  max: number;
}

interface Activity {
  subject: string;
  department: string;
  days: string[];
  accessesPerDay: number[];
  distinctResidentsPerDay: number[];
  byPurpose: { purpose: string | null; accesses: number; distinctResidents: number }[];
  byType: { typeName: string; accesses: number; records: number }[];
  distinctResidents: Spread;
  departmentDistinctResidents: Spread;
  accesses: Spread;
  departmentAccesses: Spread;
  departmentOfficers: number;
  daysAboveDepartmentP90: string[];
}

interface Flag {
  id: string;
  rule: string;
  title: string;
  titleZh: string;
  summary: string;
  status: string;
  subject: string;
  department: string;
  caseId: string | null;
  windowStart: string;
  windowEnd: string;
  observed: number;
  baseline: number | null;
  departmentBaseline: number | null;
  threshold: number;
  measures: { name: string; value: number; meaning: string }[];
  reviews: { id: string; verdict: string; note: string | null; addressedTo: string | null; reviewer: string; reviewedAt: string }[];
}

// ─── Shared pieces ──────────────────────────────────────────────────────────

/** A request as the signed-in auditor, declaring the purpose of the log's review. */
function ask<TData>(body: GraphQLBody): Promise<Answer<TData>> {
  return graphql<TData>(body, { token: currentSession()?.token ?? null, purpose: PURPOSE });
}

const department = (name: string | null | undefined) => labelOf(data.departments, name);
const purpose = (name: string | null | undefined) => labelOf(data.purposes, name);
const seriesName = (labels: (key: string) => string) => (key: string | null) => (key === null ? t(UNNAMED) : labels(key));
const number = (value: number | null | undefined) => (value === null || value === undefined ? '–' : value.toLocaleString(t({ zh: 'zh-CN', en: 'en-GB' }), { maximumFractionDigits: 2 }));

function problemsBox(): HTMLElement {
  const box = el('div');
  showProblems(box, []);
  return box;
}

function field(id: string, label: Label, control: HTMLElement): HTMLElement {
  control.id = id;
  return el('div', { class: 'hub-field' }, el('label', { for: id }, t(label)), control);
}

function table(headings: readonly Label[], rows: readonly (readonly (Node | string)[])[], attributes: Record<string, string> = {}): HTMLTableElement {
  return el(
    'table',
    { class: 'console-table', ...attributes },
    el('thead', {}, el('tr', {}, ...headings.map((heading) => el('th', { scope: 'col' }, t(heading))))),
    el('tbody', {}, ...rows.map((cells) => el('tr', {}, ...cells.map((cell) => el('td', {}, cell))))),
  );
}

/** A period picker's two days, kept across re-renders. */
function periodFields(prefix: string, period: { first: string; last: string }): HTMLElement[] {
  const first = el('input', { type: 'date', name: `${prefix}-first`, value: period.first, required: true });
  const last = el('input', { type: 'date', name: `${prefix}-last`, value: period.last, required: true });
  first.addEventListener('change', () => (period.first = first.value));
  last.addEventListener('change', () => (period.last = last.value));
  return [field(`${prefix}-first`, TEXT.firstDay, first), field(`${prefix}-last`, TEXT.lastDay, last)];
}

function form(name: string, fields: readonly HTMLElement[], submit: Label, onSubmit: () => void): HTMLFormElement {
  const element = el('form', { class: 'console-form', name }, ...fields, el('button', { type: 'submit' }, t(submit)));
  element.addEventListener('submit', (event) => {
    event.preventDefault();
    onSubmit();
  });
  return element;
}

/** A chart with its heading; the canvas is drawn once the element is in the document. */
interface Chart {
  element: HTMLElement;
  draw(): () => void;
}

function chart(id: string, heading: Label, days: readonly string[], series: readonly ChartSeries[], stacked = true): Chart {
  const caption = el('figcaption', {}, t(heading));
  if (series.every((s) => s.values.every((value) => value === 0))) {
    return { element: el('figure', { class: 'console-chart', id }, caption, el('p', { 'data-result': 'empty' }, t(TEXT.nothingInPeriod))), draw: () => () => undefined };
  }
  const canvas = el('div', { class: 'console-chart-canvas', role: 'img', 'aria-label': `${t(heading)}: ${series.map((s) => `${s.name} ${s.values.reduce((a, b) => a + b, 0)}`).join(', ')}` });
  return {
    element: el('figure', { class: 'console-chart', id }, caption, canvas),
    draw: () => dailyBars(canvas, days, series, stacked),
  };
}

const toSeries = (series: readonly DailyCounts[], name: (key: string | null) => string): ChartSeries[] => series.map((s) => ({ name: name(s.key), values: s.counts }));

// ─── The overview ──────────────────────────────────────────────────────────

const overview = {
  period: lastDays(7),
  answer: null as (Overview & { openFlags: number | null }) | null,
  problems: [] as string[],
  loading: false,
  freeCharts: [] as (() => void)[],
};

const OVERVIEW_QUERY = `query ConsoleOverview($from: DateTime!, $to: DateTime!) {
  auditOverview(from: $from, to: $to) {
    days
    totals { requests accesses recordsServed fullAccesses maskedAccesses deniedAccesses refusals rateLimitHits }
    accessesByDepartment { key counts total }
    accessesByPurpose { key counts total }
    accessesByDecision { key counts total }
    refusalsByReason { key counts total }
    withheldFromResidents { accesses }
    integrity {
      lastVerification { verifiedAt ok chains events problems evidenceProblems ranBy }
      latestCheckpoint { seq at hash }
      witnesses { city keyFingerprint checkpointSeq }
      latestWitnessed
    }
  }
  anomalyFlags(filter: { status: OPEN }, first: 1) { totalCount }
}`;

async function loadOverview(): Promise<void> {
  overview.loading = true;
  renderSection('overview');
  const answer = await ask<{ auditOverview: Overview | null; anomalyFlags: { totalCount: number } | null }>({ query: OVERVIEW_QUERY, variables: periodOf(overview.period.first, overview.period.last) });
  overview.loading = false;
  overview.problems = answer.problems;
  overview.answer = answer.data?.auditOverview ? { ...answer.data.auditOverview, openFlags: answer.data.anomalyFlags?.totalCount ?? null } : null;
  renderSection('overview');
}

async function verifyNow(): Promise<void> {
  // The verification is recorded when it runs: the overview read again shows it as the last one.
  const verified = await ask<{ auditVerification: { ok: boolean } | null }>({ query: 'query ConsoleVerify { auditVerification { ok } }' });
  overview.problems = verified.problems;
  if (verified.problems.length === 0) await loadOverview();
  else renderSection('overview');
}

function integrityPart(integrity: Overview['integrity']): HTMLElement {
  if (integrity === null) return el('p', {}, t(TEXT.noIntegrity));
  const run = integrity.lastVerification;
  const checkpoint = integrity.latestCheckpoint;
  const verify = el('button', { type: 'button', 'data-action': 'verify' }, t(TEXT.verifyNow));
  verify.addEventListener('click', () => void verifyNow());
  return el(
    'div',
    { class: 'console-integrity' },
    el(
      'dl',
      {},
      el('dt', {}, t(TEXT.lastVerification)),
      el(
        'dd',
        { 'data-figure': 'last-verification' },
        run
          ? format(TEXT.verification, {
              time: instant(run.verifiedAt),
              result: t(run.ok ? TEXT.intact : TEXT.broken),
              chains: run.chains,
              events: run.events,
              problems: run.problems,
              evidence: run.evidenceProblems,
              by: run.ranBy,
            })
          : t(TEXT.neverVerified),
      ),
      el('dt', {}, t(TEXT.latestCheckpoint)),
      el('dd', { 'data-figure': 'latest-checkpoint' }, checkpoint ? format(TEXT.checkpoint, { seq: checkpoint.seq, time: instant(checkpoint.at), hash: checkpoint.hash.slice(0, 16) }) : t(TEXT.noCheckpoint)),
      el('dt', {}, t(TEXT.witnesses)),
      el(
        'dd',
        { 'data-figure': 'witnesses' },
        integrity.witnesses.length === 0
          ? t(TEXT.noWitnesses)
          : el(
              'div',
              {},
              table(
                [TEXT.city, TEXT.witnessedSeq, TEXT.keyFingerprint],
                integrity.witnesses.map((w) => [w.city, String(w.checkpointSeq), w.keyFingerprint ?? t(TEXT.unknownKey)]),
              ),
              el('p', {}, t(integrity.latestWitnessed ? TEXT.latestWitnessed : TEXT.notLatestWitnessed)),
            ),
      ),
    ),
    verify,
  );
}

function overviewSection(): { element: HTMLElement; charts: Chart[] } {
  const problems = problemsBox();
  showProblems(problems, overview.problems);
  const parts: HTMLElement[] = [form('overview', periodFields('overview', overview.period), TEXT.show, () => void loadOverview()), problems];
  const charts: Chart[] = [];
  const answer = overview.answer;
  if (overview.loading) parts.push(el('p', { class: 'console-loading' }, t(TEXT.loading)));
  if (answer) {
    const figures: [Label, string, number | null][] = [
      [TEXT.requests, 'requests', answer.totals.requests],
      [TEXT.accesses, 'accesses', answer.totals.accesses],
      [TEXT.recordsServed, 'records-served', answer.totals.recordsServed],
      [TEXT.fullAccesses, 'full', answer.totals.fullAccesses],
      [TEXT.maskedAccesses, 'masked', answer.totals.maskedAccesses],
      [TEXT.deniedAccesses, 'denied', answer.totals.deniedAccesses],
      [TEXT.refusals, 'refusals', answer.totals.refusals],
      [TEXT.rateLimitHits, 'rate-limit-hits', answer.totals.rateLimitHits],
      [TEXT.withheld, 'withheld', answer.withheldFromResidents.accesses],
      [TEXT.openFlags, 'open-flags', answer.openFlags],
    ];
    parts.push(el('dl', { class: 'console-figures' }, ...figures.map(([label, name, value]) => el('div', {}, el('dt', {}, t(label)), el('dd', { 'data-figure': name }, number(value))))));
    charts.push(
      chart('chart-department', TEXT.byDepartment, answer.days, toSeries(answer.accessesByDepartment, seriesName(department))),
      chart('chart-purpose', TEXT.byPurpose, answer.days, toSeries(answer.accessesByPurpose, seriesName(purpose))),
      chart('chart-decision', TEXT.byDecision, answer.days, toSeries(answer.accessesByDecision, seriesName((key) => decisionText(DECISIONS, key)))),
      chart('chart-refusals', TEXT.byReason, answer.days, toSeries(answer.refusalsByReason, seriesName((key) => key))),
    );
    parts.push(el('div', { class: 'console-charts' }, ...charts.map((c) => c.element)));
    parts.push(el('h3', {}, t(TEXT.integrity)), integrityPart(answer.integrity));
  }
  return { element: el('div', {}, ...parts), charts };
}

// ─── A resident's history ──────────────────────────────────────────────────

const history = {
  idNumber: '',
  personId: null as string | null,
  withheld: 0,
  events: [] as AccessEvent[],
  next: null as string | null,
  searched: false,
  problems: [] as string[],
  exported: null as { url: string; fileName: string; events: number; keyId: string } | null,
};

const EVENT_FIELDS = 'id occurredAt subject department purpose caseId subgraph typeName recordIds fields { field decision }';

async function lookUpResident(): Promise<void> {
  if (history.exported) URL.revokeObjectURL(history.exported.url);
  Object.assign(history, { personId: null, withheld: 0, events: [], next: null, searched: false, exported: null });
  const answer = await ask<{ residentHistory: { personId: string; withheldFromResident: number; accesses: EventPage } | null }>({
    query: `query ConsoleResidentHistory($idNumber: String!, $first: Int) { residentHistory(idNumber: $idNumber, first: $first) { personId withheldFromResident accesses { edges { node { ${EVENT_FIELDS} } } pageInfo { hasNextPage endCursor } } } }`,
    variables: { idNumber: history.idNumber.trim(), first: PAGE_SIZE },
  });
  history.problems = answer.problems;
  history.searched = answer.problems.length === 0;
  const found = answer.data?.residentHistory;
  if (found) {
    history.personId = found.personId;
    history.withheld = found.withheldFromResident;
    history.events = found.accesses.edges.map((e) => e.node);
    history.next = found.accesses.pageInfo.hasNextPage ? found.accesses.pageInfo.endCursor : null;
  }
  renderSection('resident');
}

async function moreHistory(): Promise<void> {
  const answer = await ask<{ residentAccessHistory: EventPage | null }>({
    query: `query ConsoleResidentMore($personId: ID!, $first: Int, $after: String) { residentAccessHistory(personId: $personId, first: $first, after: $after) { edges { node { ${EVENT_FIELDS} } } pageInfo { hasNextPage endCursor } } }`,
    variables: { personId: history.personId, first: PAGE_SIZE, after: history.next },
  });
  history.problems = answer.problems;
  const page = answer.data?.residentAccessHistory;
  if (page) {
    history.events.push(...page.edges.map((e) => e.node));
    history.next = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  }
  renderSection('resident');
}

async function exportHistory(): Promise<void> {
  const answer = await ask<{ residentAccessExport: { fileName: string; content: string; events: number; keyId: string } | null }>({
    query: 'query ConsoleResidentExport($personId: ID!) { residentAccessExport(personId: $personId) { fileName content events keyId } }',
    variables: { personId: history.personId },
  });
  history.problems = answer.problems;
  const file = answer.data?.residentAccessExport;
  if (file) {
    if (history.exported) URL.revokeObjectURL(history.exported.url);
    // A Blob URL of the page's own origin: saved by the browser, never sent anywhere.
    const url = URL.createObjectURL(new Blob([file.content], { type: 'application/x-ndjson' }));
    history.exported = { url, fileName: file.fileName, events: file.events, keyId: file.keyId };
  }
  renderSection('resident');
}

const fieldsText = (fields: AccessEvent['fields']) =>
  fields.map((f) => `${f.field}${t({ zh: '：', en: ': ' })}${decisionText(DECISIONS, f.decision)}`).join(t({ zh: '，', en: ', ' }));

function eventRows(events: readonly AccessEvent[]): (Node | string)[][] {
  return events.map((e) => [instant(e.occurredAt), department(e.department), e.subject ?? '–', fieldsText(e.fields), purpose(e.purpose), e.caseId ?? '–', `${e.typeName ?? '–'} (${e.subgraph ?? '–'})`]);
}

const EVENT_HEADINGS = [TEXT.when, TEXT.department, TEXT.subject, TEXT.fields, TEXT.purposeColumn, TEXT.caseId, TEXT.record];

function historySection(): { element: HTMLElement; charts: Chart[] } {
  const input = el('input', { name: 'idNumber', value: history.idNumber, autocomplete: 'off', spellcheck: 'false', required: true, maxlength: '18' });
  input.addEventListener('input', () => (history.idNumber = input.value));
  const problems = problemsBox();
  showProblems(problems, history.problems);
  const parts: HTMLElement[] = [form('resident', [field('resident-id-number', TEXT.idNumber, input)], TEXT.lookUp, () => void lookUpResident()), problems];
  if (history.searched && history.personId === null) parts.push(el('p', { 'data-result': 'nobody' }, t(TEXT.nobody)));
  if (history.personId !== null) {
    parts.push(el('p', { 'data-result': 'summary' }, format(TEXT.historyOf, { personId: history.personId, shown: history.events.length, withheld: history.withheld })));
    parts.push(history.events.length === 0 ? el('p', {}, t(TEXT.noAccess)) : table(EVENT_HEADINGS, eventRows(history.events), { id: 'resident-accesses' }));
    const actions = el('div', { class: 'console-actions' });
    if (history.next !== null) {
      const more = el('button', { type: 'button', 'data-action': 'more-history' }, t(TEXT.more));
      more.addEventListener('click', () => void moreHistory());
      actions.append(more);
    }
    const exportButton = el('button', { type: 'button', 'data-action': 'export' }, t(TEXT.export));
    exportButton.addEventListener('click', () => void exportHistory());
    actions.append(exportButton);
    if (history.exported) {
      const { url, fileName, events, keyId } = history.exported;
      actions.append(el('a', { href: url, download: fileName, id: 'export-link' }, format(TEXT.exported, { file: fileName, events, keyId })));
    }
    parts.push(actions);
  }
  return { element: el('div', {}, ...parts), charts: [] };
}

// ─── An officer's activity ─────────────────────────────────────────────────

const officer = {
  subject: '',
  department: '',
  period: lastDays(7),
  activity: null as Activity | null,
  events: [] as AccessEvent[],
  searched: false,
  problems: [] as string[],
};

async function lookUpOfficer(): Promise<void> {
  Object.assign(officer, { activity: null, events: [], searched: false });
  const period = periodOf(officer.period.first, officer.period.last);
  const spread = 'days median p90 max';
  const answer = await ask<{ officerActivity: Activity | null; auditEvents: EventPage | null }>({
    query: `query ConsoleOfficer($subject: String!, $department: String, $from: DateTime!, $to: DateTime!, $first: Int) {
      officerActivity(subject: $subject, department: $department, from: $from, to: $to) {
        subject department days accessesPerDay distinctResidentsPerDay
        byPurpose { purpose accesses distinctResidents }
        byType { typeName accesses records }
        distinctResidents { ${spread} } departmentDistinctResidents { ${spread} }
        accesses { ${spread} } departmentAccesses { ${spread} }
        departmentOfficers daysAboveDepartmentP90
      }
      auditEvents(filter: { subject: $subject, department: $department, kind: ACCESS, from: $from, to: $to }, first: $first) { edges { node { ${EVENT_FIELDS} } } pageInfo { hasNextPage endCursor } }
    }`,
    variables: { subject: officer.subject.trim(), department: officer.department || null, ...period, first: PAGE_SIZE },
  });
  officer.problems = answer.problems;
  officer.searched = answer.problems.length === 0;
  officer.activity = answer.data?.officerActivity ?? null;
  officer.events = answer.data?.auditEvents?.edges.map((e) => e.node) ?? [];
  renderSection('officer');
}

const spreadText = (s: Spread) => format(TEXT.spread, { median: number(s.median), p90: number(s.p90), max: number(s.max), days: s.days });

function officerSection(): { element: HTMLElement; charts: Chart[] } {
  const subject = el('input', { name: 'subject', value: officer.subject, autocomplete: 'off', spellcheck: 'false', required: true });
  subject.addEventListener('input', () => (officer.subject = subject.value));
  const select = el(
    'select',
    { name: 'department' },
    el('option', { value: '' }, t(TEXT.anyDepartment)),
    ...data.departments.map((d) => el('option', { value: d.name, selected: d.name === officer.department }, `${t(d.label)} (${d.name})`)),
  );
  select.addEventListener('change', () => (officer.department = select.value));
  const problems = problemsBox();
  showProblems(problems, officer.problems);
  const parts: HTMLElement[] = [
    form('officer', [field('officer-subject', TEXT.subject, subject), field('officer-department', TEXT.department, select), ...periodFields('officer', officer.period)], TEXT.show, () => void lookUpOfficer()),
    problems,
  ];
  const charts: Chart[] = [];
  const a = officer.activity;
  if (officer.searched && a === null) parts.push(el('p', { 'data-result': 'no-activity' }, t(TEXT.noActivity)));
  if (a) {
    parts.push(el('p', { 'data-result': 'officer' }, format(TEXT.officerOf, { subject: a.subject, department: department(a.department), officers: a.departmentOfficers })));
    parts.push(
      el('h3', {}, t(TEXT.spreads)),
      table(
        [TEXT.measure, TEXT.thisOfficer, TEXT.theDepartment],
        [
          [t(TEXT.accessesPerDay), spreadText(a.accesses), spreadText(a.departmentAccesses)],
          [t(TEXT.residentsPerDay), spreadText(a.distinctResidents), spreadText(a.departmentDistinctResidents)],
        ],
        { id: 'officer-spreads' },
      ),
      el('p', {}, t(TEXT.aboveP90), a.daysAboveDepartmentP90.join(t({ zh: '、', en: ', ' })) || t(TEXT.none)),
    );
    const daily = chart('chart-officer', TEXT.officerDaily, a.days, [
      { name: t(TEXT.accesses), values: a.accessesPerDay },
      { name: t(TEXT.distinctResidents), values: a.distinctResidentsPerDay },
    ], false);
    charts.push(daily);
    parts.push(daily.element);
    parts.push(
      el('h3', {}, t(TEXT.perPurpose)),
      table(
        [TEXT.purposeColumn, TEXT.accesses, TEXT.distinctResidents],
        a.byPurpose.map((p) => [purpose(p.purpose), number(p.accesses), number(p.distinctResidents)]),
        { id: 'officer-purposes' },
      ),
      el('h3', {}, t(TEXT.typeName)),
      table([TEXT.typeName, TEXT.accesses, TEXT.records], a.byType.map((b) => [b.typeName, number(b.accesses), number(b.records)])),
      el('h3', {}, t(TEXT.latestAccesses)),
      table(EVENT_HEADINGS, eventRows(officer.events), { id: 'officer-accesses' }),
    );
  }
  return { element: el('div', {}, ...parts), charts };
}

// ─── Anomaly flags ─────────────────────────────────────────────────────────

const flags = {
  status: 'OPEN',
  rule: '',
  list: [] as Flag[],
  total: null as number | null,
  notes: new Map<string, string>(),
  problems: [] as string[],
};

const FLAG_FIELDS = `id rule title titleZh summary status subject department caseId windowStart windowEnd observed baseline departmentBaseline threshold
  measures { name value meaning } reviews { id verdict note addressedTo reviewer reviewedAt }`;

async function loadFlags(): Promise<void> {
  const filter: Record<string, string> = {};
  if (flags.status) filter.status = flags.status;
  if (flags.rule) filter.rule = flags.rule;
  const answer = await ask<{ anomalyFlags: { totalCount: number; edges: { node: Flag }[] } | null }>({
    query: `query ConsoleFlags($filter: AnomalyFlagFilter, $first: Int) { anomalyFlags(filter: $filter, first: $first) { totalCount edges { node { ${FLAG_FIELDS} } } } }`,
    variables: { filter, first: 50 },
  });
  flags.problems = answer.problems;
  flags.list = answer.data?.anomalyFlags?.edges.map((e) => e.node) ?? [];
  flags.total = answer.data?.anomalyFlags?.totalCount ?? null;
  renderSection('flags');
}

async function reviewFlag(flag: Flag, verdict: (typeof VERDICTS)[number]): Promise<void> {
  const note = flags.notes.get(flag.id)?.trim() ?? '';
  const answer = await ask<{ reviewAnomalyFlag: { flag: Flag | null } | null }>({
    query: `mutation ConsoleReview($input: ReviewAnomalyFlagInput!) { reviewAnomalyFlag(input: $input) { flag { ${FLAG_FIELDS} } } }`,
    variables: { input: { id: flag.id, verdict, note: note || null } },
  });
  flags.problems = answer.problems;
  const reviewed = answer.data?.reviewAnomalyFlag?.flag;
  if (reviewed) {
    // The reviewed flag stays where it was, showing its review, until the list is read again.
    flags.list = flags.list.map((f) => (f.id === reviewed.id ? reviewed : f));
    flags.notes.delete(flag.id);
  }
  renderSection('flags');
}

const statusText = (status: string) => decisionText(STATUSES, status);

function flagCard(flag: Flag): HTMLElement {
  const ruleTitle = t({ zh: flag.titleZh, en: flag.title });
  const numbers = table(
    [TEXT.observed, TEXT.threshold, TEXT.baseline, TEXT.departmentBaseline],
    [[number(flag.observed), number(flag.threshold), number(flag.baseline), number(flag.departmentBaseline)]],
    { 'data-part': 'numbers' },
  );
  const measures = table(
    [TEXT.measure, TEXT.value, TEXT.meaning],
    flag.measures.map((m) => [m.name, number(m.value), m.meaning]),
    { 'data-part': 'measures' },
  );
  const reviews = el(
    'ol',
    { class: 'console-reviews', 'data-part': 'reviews' },
    ...flag.reviews.map((r) =>
      el(
        'li',
        { 'data-verdict': r.verdict },
        format(TEXT.review, { time: instant(r.reviewedAt), reviewer: r.reviewer, verdict: statusText(r.verdict) }),
        r.addressedTo ? format(TEXT.addressedTo, { department: department(r.addressedTo) }) : '',
        r.note ? el('q', {}, r.note) : '',
      ),
    ),
  );
  const noteId = `note-${flag.id}`;
  const note = el('textarea', { name: 'note', id: noteId, rows: '2', maxlength: '2000' });
  note.value = flags.notes.get(flag.id) ?? '';
  note.addEventListener('input', () => flags.notes.set(flag.id, note.value));
  const buttons = VERDICTS.map((verdict) => {
    const button = el('button', { type: 'button', 'data-verdict': verdict }, statusText(verdict));
    button.addEventListener('click', () => void reviewFlag(flag, verdict));
    return button;
  });
  return el(
    'article',
    { class: 'console-flag', 'data-flag-id': flag.id, 'data-status': flag.status },
    el('h3', {}, `${ruleTitle} (${flag.rule})`, ' ', el('span', { class: 'console-status' }, statusText(flag.status))),
    el('p', {}, flag.summary),
    el('p', {}, format(TEXT.flagWho, { subject: flag.subject, department: department(flag.department), start: instant(flag.windowStart), end: instant(flag.windowEnd) }), flag.caseId ? ` · ${t(TEXT.caseId)} ${flag.caseId}` : ''),
    numbers,
    measures,
    flag.reviews.length > 0 ? el('h4', {}, t(TEXT.reviews)) : '',
    reviews,
    el('div', { class: 'hub-field' }, el('label', { for: noteId }, format(TEXT.note, { department: department(flag.department) })), note),
    el('div', { class: 'console-actions' }, ...buttons),
  );
}

function flagsSection(): { element: HTMLElement; charts: Chart[] } {
  const status = el(
    'select',
    { name: 'status' },
    el('option', { value: '' }, t(TEXT.allStatuses)),
    ...Object.entries(STATUSES).map(([value, label]) => el('option', { value, selected: value === flags.status }, t(label))),
  );
  status.addEventListener('change', () => (flags.status = status.value));
  const rule = el(
    'select',
    { name: 'rule' },
    el('option', { value: '' }, t(TEXT.allRules)),
    ...data.rules.map((r) => el('option', { value: r.id, selected: r.id === flags.rule, title: r.meaning }, `${t({ zh: r.titleZh, en: r.title })} (${r.id})`)),
  );
  rule.addEventListener('change', () => (flags.rule = rule.value));
  const problems = problemsBox();
  showProblems(problems, flags.problems);
  const parts: HTMLElement[] = [form('flags', [field('flags-status', TEXT.status, status), field('flags-rule', TEXT.rule, rule)], TEXT.refresh, () => void loadFlags()), problems];
  if (flags.total !== null) parts.push(el('p', { 'data-result': 'flag-count' }, format(TEXT.flagCount, { count: flags.total })));
  if (flags.total === 0) parts.push(el('p', {}, t(TEXT.noFlags)));
  parts.push(...flags.list.map(flagCard));
  return { element: el('div', {}, ...parts), charts: [] };
}

// ─── The page ──────────────────────────────────────────────────────────────

const app = document.getElementById('app');
if (!app) throw new Error('the console page has no #app element');
const signInSlot = el('div');
const languageSlot = el('div');
languageSlot.append(languageSwitch());
mountSignIn(signInSlot);
const main = el('main', { class: 'console' });
const heading = el('h1');
app.append(el('header', { class: 'hub-bar' }, heading, signInSlot, el('span', { class: 'hub-spacer' }), languageSlot), main);

type SectionName = 'overview' | 'resident' | 'officer' | 'flags';

/** Each section: its heading, how it is built from its state, where it stands in the page, and how to free the charts it drew. */
const SECTIONS: Record<SectionName, { heading: Label; build: () => { element: HTMLElement; charts: Chart[] }; body: HTMLElement; free: (() => void)[] }> = {
  overview: { heading: TEXT.overview, build: overviewSection, body: el('div'), free: [] },
  resident: { heading: TEXT.resident, build: historySection, body: el('div'), free: [] },
  officer: { heading: TEXT.officer, build: officerSection, body: el('div'), free: [] },
  flags: { heading: TEXT.flags, build: flagsSection, body: el('div'), free: [] },
};
const SECTION_NAMES = Object.keys(SECTIONS) as SectionName[];

/** Builds one section again from its state, leaving the others (and whatever is being typed in them) alone; its charts are drawn once in place. */
function renderSection(name: SectionName): void {
  const part = SECTIONS[name];
  part.free.forEach((free) => free());
  const { element, charts } = part.build();
  part.body.replaceChildren(element);
  part.free = charts.map((c) => c.draw());
}

/** Builds the whole page from its state, in the current language. */
function render(): void {
  heading.textContent = t(title);
  const session = currentSession();
  if (!session) {
    for (const name of SECTION_NAMES) {
      SECTIONS[name].free.forEach((free) => free());
      SECTIONS[name].free = [];
    }
    main.replaceChildren(el('p', { class: 'console-hint' }, t(TEXT.signInFirst)));
    return;
  }
  const purposeLine = el('p', { class: 'console-purpose' }, t(TEXT.purpose), purpose(PURPOSE));
  const nav = el('nav', { class: 'console-nav' }, ...SECTION_NAMES.map((name) => el('a', { href: `#${name}` }, t(SECTIONS[name].heading))));
  const notAuditor = session.claims.roles.includes('auditor') ? '' : el('p', { class: 'hub-problems', role: 'alert' }, t(TEXT.notAuditor));
  main.replaceChildren(
    el('div', { class: 'hub-bar console-declare' }, purposeLine, nav),
    notAuditor,
    ...SECTION_NAMES.map((name) =>
      el('section', { id: name, class: 'console-section', 'aria-labelledby': `${name}-heading` }, el('h2', { id: `${name}-heading` }, t(SECTIONS[name].heading)), SECTIONS[name].body),
    ),
  );
  SECTION_NAMES.forEach(renderSection);
}

function start(): void {
  Object.assign(overview, { answer: null, problems: [] });
  Object.assign(history, { idNumber: '', personId: null, events: [], next: null, searched: false, problems: [], exported: null });
  Object.assign(officer, { subject: '', department: '', activity: null, events: [], searched: false, problems: [] });
  Object.assign(flags, { list: [], total: null, problems: [] });
  flags.notes.clear();
  render();
  if (currentSession()) {
    void loadOverview();
    void loadFlags();
  }
}

onSessionChange(start);
onLanguageChange(render);
start();
