import '../shared/style.css';
import './collection.css';
import { el } from '../shared/dom.js';
import { graphql, plainWords, showProblems } from '../shared/graphql.js';
import { format, languageSwitch, onLanguageChange, t } from '../shared/i18n.js';
import type { Label } from '../shared/label.js';
import { startPage } from '../shared/page-data.js';
import { declarable, type PurposeOption } from '../shared/purposes.js';
import { currentSession, onSessionChange, type Session } from '../shared/session.js';
import { mountSignIn } from '../shared/sign-in.js';
import type { CollectionData, DeclarationKind } from './data.js';

/**
 * A department's queue of declarations: the pending declarations of the kinds
 * it confirms, in its jurisdiction, to confirm (the department's own mutation
 * registers each, as the officer) or reject with a reason the declarant
 * reads; and the collection figures per grid and premises.
 */

const { title, data } = startPage<CollectionData>();

const TEXT = {
  signInFirst: { zh: '请先粘贴令牌登录，再选择用途。', en: 'Paste a token to sign in, then choose a purpose.' },
  noPurpose: { zh: '您的角色不审核申报。', en: 'Your roles review no declarations.' },
  purpose: { zh: '用途', en: 'Purpose' },
  kind: { zh: '类型', en: 'Kind' },
  status: { zh: '状态', en: 'Status' },
  grid: { zh: '网格代码', en: 'Grid code' },
  any: { zh: '全部', en: 'Any' },
  show: { zh: '查询', en: 'Show' },
  more: { zh: '加载更多', en: 'More' },
  confirm: { zh: '确认所选', en: 'Confirm selected' },
  reject: { zh: '退回所选', en: 'Reject selected' },
  reason: { zh: '退回原因（申报人可见）', en: 'Reason for rejecting (the declarant reads it)' },
  needReason: { zh: '退回须填写原因', en: 'A rejection needs a reason' },
  needSelection: { zh: '请先勾选申报', en: 'Select declarations first' },
  selectAll: { zh: '全选', en: 'Select all' },
  select: { zh: '选择', en: 'Select' },
  empty: { zh: '没有符合条件的申报。', en: 'No declarations match.' },
  done: { zh: '已处理 {count} 条。', en: '{count} done.' },
  refused: { zh: '未处理 {name}：{problems}', en: 'Not done, {name}: {problems}' },
  queue: { zh: '申报队列', en: 'Queue' },
  figures: { zh: '采集统计', en: 'Collection figures' },
  total: { zh: '合计', en: 'Total' },
  byGrid: { zh: '按网格', en: 'By grid' },
  byPremises: { zh: '按场所', en: 'By premises' },
  place: { zh: '网格或场所', en: 'Grid or premises' },
  received: { zh: '收到', en: 'Received' },
  confirmed: { zh: '已确认', en: 'Confirmed' },
  rejected: { zh: '已退回', en: 'Rejected' },
  pending: { zh: '待审核', en: 'Pending' },
  median: { zh: '确认用时中位数', en: 'Median time to confirm' },
  person: { zh: '姓名 / 身份证号 / 手机', en: 'Name / identity number / phone' },
  details: { zh: '申报内容', en: 'Declared' },
  premises: { zh: '场所 / 网格', en: 'Premises / grid' },
  submitted: { zh: '提交时间', en: 'Submitted' },
  TENANCY: { zh: '租住登记', en: 'Tenancy' },
  EMPLOYMENT: { zh: '就业登记', en: 'Employment' },
  RESIDENCE: { zh: '居住登记', en: 'Residence' },
  PENDING: { zh: '待审核', en: 'Pending' },
  CONFIRMED: { zh: '已确认', en: 'Confirmed' },
  REJECTED: { zh: '已退回', en: 'Rejected' },
} satisfies Record<string, Label>;

const PURPOSE_KEY = 'hub.collection.purpose';
const PAGE_SIZE = 20;

interface Declaration {
  id: string;
  kind: DeclarationKind;
  status: 'PENDING' | 'CONFIRMED' | 'REJECTED';
  idNumber: string | null;
  name: string | null;
  phone: string | null;
  start: string | null;
  room: string | null;
  position: string | null;
  landlordName: string | null;
  monthlyRent: number | null;
  socialInsurance: string | null;
  address: string | null;
  gridCode: string | null;
  premises: { kind: string; code: string } | null;
  submittedAt: string;
  rejectionReason: string | null;
}

interface Counts {
  received: number;
  confirmed: number;
  rejected: number;
  pending: number;
  medianSecondsToConfirm: number | null;
}

interface Figures {
  total: Counts;
  byGrid: { gridCode: string | null; counts: Counts }[];
  byPremises: { premises: { kind: string; code: string }; counts: Counts }[];
}

const state: {
  filter: { kind: string; status: string; gridCode: string };
  rows: Declaration[];
  cursor: string | null;
  hasMore: boolean;
  selected: Set<string>;
  problems: string[];
  outcome: string[];
  figures: Figures | null;
  figureProblems: string[];
} = { filter: { kind: '', status: 'PENDING', gridCode: '' }, rows: [], cursor: null, hasMore: false, selected: new Set(), problems: [], outcome: [], figures: null, figureProblems: [] };

const app = document.getElementById('app') ?? document.body.appendChild(el('div', { id: 'app' }));
const heading = el('h1');
const signIn = el('div', { class: 'hub-account' });
const purposeBar = el('div', { class: 'hub-bar collection-declare' });
const queueBox = el('section', { class: 'collection-queue' });
const figuresBox = el('section', { class: 'collection-figures' });
app.replaceChildren(el('header', { class: 'hub-bar' }, heading, el('span', { class: 'hub-spacer' }), signIn, languageSwitch()), purposeBar, el('main', { class: 'collection' }, queueBox, figuresBox));
mountSignIn(signIn);

function purposesOf(session: Session | null): PurposeOption[] {
  return session ? declarable(data.purposes, session.claims.roles) : [];
}

function chosenPurpose(session: Session | null): PurposeOption | null {
  const offered = purposesOf(session);
  const stored = sessionStorage.getItem(PURPOSE_KEY);
  return offered.find((p) => p.name === stored) ?? offered[0] ?? null;
}

function kindsOf(session: Session | null): DeclarationKind[] {
  return [...new Set((session?.claims.roles ?? []).flatMap((role) => data.kindsByRole[role] ?? []))];
}

const declared = () => {
  const session = currentSession();
  return { token: session?.token ?? null, purpose: chosenPurpose(session)?.name ?? null };
};

function renderPurpose(): void {
  const session = currentSession();
  if (!session) return void purposeBar.replaceChildren(el('p', {}, t(TEXT.signInFirst)));
  const offered = purposesOf(session);
  if (offered.length === 0) return void purposeBar.replaceChildren(el('p', { class: 'hub-problems', role: 'alert' }, t(TEXT.noPurpose)));
  const chosen = chosenPurpose(session);
  const select = el('select', { id: 'collection-purpose', name: 'purpose' }, ...offered.map((p) => el('option', { value: p.name, selected: p.name === chosen?.name }, `${t(p.label)} (${p.name})`)));
  select.addEventListener('change', () => {
    sessionStorage.setItem(PURPOSE_KEY, select.value);
    void reload();
  });
  purposeBar.replaceChildren(el('div', { class: 'hub-field' }, el('label', { for: 'collection-purpose' }, t(TEXT.purpose)), select));
}

const QUEUE = `query Queue($filter: DeclarationFilter, $first: Int, $after: String) {
  declarations(filter: $filter, first: $first, after: $after) {
    edges { node { id kind status idNumber name phone start room position landlordName monthlyRent socialInsurance address gridCode premises { kind code } submittedAt rejectionReason } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const FIGURES = `query Figures($filter: CollectionFiguresFilter) {
  collectionFigures(filter: $filter) {
    total { received confirmed rejected pending medianSecondsToConfirm }
    byGrid { gridCode counts { received confirmed rejected pending medianSecondsToConfirm } }
    byPremises { premises { kind code } counts { received confirmed rejected pending medianSecondsToConfirm } }
  }
}`;

function queueFilter(): Record<string, string> {
  const filter: Record<string, string> = {};
  if (state.filter.kind) filter.kind = state.filter.kind;
  if (state.filter.status) filter.status = state.filter.status;
  if (state.filter.gridCode.trim()) filter.gridCode = state.filter.gridCode.trim();
  return filter;
}

async function loadQueue(more: boolean): Promise<void> {
  if (!currentSession() || !chosenPurpose(currentSession())) return;
  const answer = await graphql<{ declarations: { edges: { node: Declaration }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } | null }>(
    { query: QUEUE, variables: { filter: queueFilter(), first: PAGE_SIZE, after: more ? state.cursor : null } },
    declared(),
  );
  const page = answer.data?.declarations;
  if (!more) {
    state.rows = [];
    state.selected.clear();
  }
  if (page) {
    state.rows.push(...page.edges.map((edge) => edge.node));
    state.cursor = page.pageInfo.endCursor;
    state.hasMore = page.pageInfo.hasNextPage;
  }
  state.problems = answer.problems;
  renderQueue();
}

async function loadFigures(): Promise<void> {
  if (!currentSession() || !chosenPurpose(currentSession())) return;
  const filter: Record<string, string> = {};
  if (state.filter.kind) filter.kind = state.filter.kind;
  if (state.filter.gridCode.trim()) filter.gridCode = state.filter.gridCode.trim();
  const answer = await graphql<{ collectionFigures: Figures | null }>({ query: FIGURES, variables: { filter } }, declared());
  state.figures = answer.data?.collectionFigures ?? null;
  state.figureProblems = answer.problems;
  renderFigures();
}

const reload = async () => {
  state.outcome = [];
  renderPurpose();
  await Promise.all([loadQueue(false), loadFigures()]);
};

function details(d: Declaration): string {
  const parts: (string | null)[] =
    d.kind === 'TENANCY'
      ? [d.room, d.landlordName, d.monthlyRent === null ? null : `${d.monthlyRent} ${t({ zh: '元/月', en: 'yuan a month' })}`]
      : d.kind === 'EMPLOYMENT'
        ? [d.position, d.socialInsurance]
        : [d.address];
  return [t(TEXT[d.kind]), d.start, ...parts].filter((part) => part).join(' · ');
}

async function decide(action: 'confirm' | 'reject', reason: string): Promise<void> {
  const ids = [...state.selected];
  if (ids.length === 0) return void ((state.outcome = [t(TEXT.needSelection)]), renderQueue());
  if (action === 'reject' && !reason.trim()) return void ((state.outcome = [t(TEXT.needReason)]), renderQueue());
  const query =
    action === 'confirm'
      ? 'mutation Confirm($ids: [ID!]!) { confirmDeclarations(ids: $ids) { results { id done problems { field code message } } } }'
      : 'mutation Reject($ids: [ID!]!, $reason: String!) { rejectDeclarations(ids: $ids, reason: $reason) { results { id done problems { field code message } } } }';
  type Results = { results: { id: string; done: boolean; problems: { field: string | null; code: string; message: string }[] }[] } | null;
  const answer = await graphql<{ confirmDeclarations?: Results; rejectDeclarations?: Results }>({ query, variables: action === 'confirm' ? { ids } : { ids, reason: reason.trim() } }, declared());
  const results = (action === 'confirm' ? answer.data?.confirmDeclarations : answer.data?.rejectDeclarations)?.results ?? [];
  const names = new Map(state.rows.map((row) => [row.id, row.name ?? row.id]));
  const done = results.filter((r) => r.done).length;
  const outcome = results.length > 0 ? [format(TEXT.done, { count: done })] : [];
  for (const result of results.filter((r) => !r.done)) {
    const problems = plainWords(result.problems.map((p) => ({ message: p.message, extensions: { code: p.code, ...(p.field ? { field: p.field } : {}) } })));
    outcome.push(format(TEXT.refused, { name: names.get(result.id) ?? result.id, problems: problems.join(t({ zh: '；', en: '; ' })) }));
  }
  await Promise.all([loadQueue(false), loadFigures()]);
  state.outcome = [...outcome, ...answer.problems];
  renderQueue();
}

function filterBar(): HTMLElement {
  const kinds = kindsOf(currentSession());
  const kind = el('select', { id: 'collection-kind', name: 'kind' }, el('option', { value: '' }, t(TEXT.any)), ...kinds.map((k) => el('option', { value: k, selected: state.filter.kind === k }, t(TEXT[k]))));
  const status = el('select', { id: 'collection-status', name: 'status' }, ...data.statuses.map((s) => el('option', { value: s, selected: state.filter.status === s }, t(TEXT[s as keyof typeof TEXT] ?? { zh: s, en: s }))));
  const grid = el('input', { id: 'collection-grid', name: 'gridCode', inputmode: 'numeric', maxlength: '12', autocomplete: 'off' });
  grid.value = state.filter.gridCode;
  const form = el(
    'form',
    { class: 'collection-filter' },
    el('div', { class: 'hub-field' }, el('label', { for: 'collection-kind' }, t(TEXT.kind)), kind),
    el('div', { class: 'hub-field' }, el('label', { for: 'collection-status' }, t(TEXT.status)), status),
    el('div', { class: 'hub-field' }, el('label', { for: 'collection-grid' }, t(TEXT.grid)), grid),
    el('button', { type: 'submit', 'data-action': 'show' }, t(TEXT.show)),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    state.filter = { kind: kind.value, status: status.value, gridCode: grid.value };
    void reload();
  });
  return form;
}

function renderQueue(): void {
  const session = currentSession();
  if (!session || !chosenPurpose(session)) return void queueBox.replaceChildren();
  const problems = el('div');
  showProblems(problems, state.problems);
  const outcome = el('div', { class: 'collection-outcome', role: 'status', hidden: state.outcome.length === 0 }, ...state.outcome.map((line) => el('p', {}, line)));

  const all = el('input', { type: 'checkbox', id: 'collection-all', 'aria-label': t(TEXT.selectAll) });
  all.checked = state.rows.length > 0 && state.rows.every((row) => state.selected.has(row.id));
  all.addEventListener('change', () => {
    state.rows.forEach((row) => (all.checked ? state.selected.add(row.id) : state.selected.delete(row.id)));
    renderQueue();
  });
  const rows = state.rows.map((d) => {
    const box = el('input', { type: 'checkbox', name: 'selected', value: d.id, 'aria-label': `${t(TEXT.select)} ${d.name ?? d.id}`, disabled: d.status !== 'PENDING' });
    box.checked = state.selected.has(d.id);
    box.addEventListener('change', () => (box.checked ? state.selected.add(d.id) : state.selected.delete(d.id)));
    return el(
      'tr',
      { 'data-id': d.id },
      el('td', {}, box),
      el('td', {}, el('strong', {}, d.name ?? ''), el('br'), d.idNumber ?? '', el('br'), d.phone ?? ''),
      el('td', {}, details(d)),
      el('td', {}, d.premises?.code ?? '', el('br'), d.gridCode ?? ''),
      el('td', {}, new Date(d.submittedAt).toLocaleString(t({ zh: 'zh-CN', en: 'en-GB' }), { dateStyle: 'short', timeStyle: 'short' })),
      el('td', { class: `collection-status-${d.status.toLowerCase()}` }, t(TEXT[d.status]), ...(d.rejectionReason ? [el('br'), d.rejectionReason] : [])),
    );
  });
  const table = el(
    'div',
    { class: 'collection-scroll' },
    el(
      'table',
      { class: 'collection-table' },
      el('thead', {}, el('tr', {}, el('th', {}, all), ...[TEXT.person, TEXT.details, TEXT.premises, TEXT.submitted, TEXT.status].map((label) => el('th', { scope: 'col' }, t(label))))),
      el('tbody', {}, ...rows),
    ),
  );
  const more = el('button', { type: 'button', class: 'collection-secondary', 'data-action': 'more', hidden: !state.hasMore }, t(TEXT.more));
  more.addEventListener('click', () => void loadQueue(true));
  const confirm = el('button', { type: 'button', 'data-action': 'confirm' }, t(TEXT.confirm));
  const reason = el('textarea', { id: 'collection-reason', name: 'reason', rows: '2', maxlength: '500' });
  const reject = el('button', { type: 'button', class: 'collection-reject', 'data-action': 'reject' }, t(TEXT.reject));
  confirm.addEventListener('click', () => void decide('confirm', ''));
  reject.addEventListener('click', () => void decide('reject', reason.value));
  const actions = el(
    'div',
    { class: 'collection-actions' },
    confirm,
    el('div', { class: 'hub-field collection-reason' }, el('label', { for: 'collection-reason' }, t(TEXT.reason)), reason),
    reject,
  );
  queueBox.replaceChildren(
    el('h2', {}, t(TEXT.queue)),
    filterBar(),
    problems,
    outcome,
    state.rows.length > 0 ? table : el('p', { class: 'collection-empty' }, t(TEXT.empty)),
    more,
    actions,
  );
}

function duration(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 3_600) return format({ zh: '{n} 分钟', en: '{n} min' }, { n: Math.max(1, Math.round(seconds / 60)) });
  if (seconds < 172_800) return format({ zh: '{n} 小时', en: '{n} h' }, { n: Math.round(seconds / 360) / 10 });
  return format({ zh: '{n} 天', en: '{n} days' }, { n: Math.round(seconds / 8_640) / 10 });
}

function renderFigures(): void {
  const session = currentSession();
  if (!session || !chosenPurpose(session)) return void figuresBox.replaceChildren();
  const problems = el('div');
  showProblems(problems, state.figureProblems);
  const figures = state.figures;
  const row = (place: string, counts: Counts, kind: string) =>
    el(
      'tr',
      { 'data-row': kind, 'data-place': place },
      el('th', { scope: 'row' }, place),
      ...[counts.received, counts.confirmed, counts.rejected, counts.pending].map((n) => el('td', {}, String(n))),
      el('td', {}, duration(counts.medianSecondsToConfirm)),
    );
  const body = figures
    ? [
        row(t(TEXT.total), figures.total, 'total'),
        ...figures.byGrid.map((g) => row(`${t(TEXT.byGrid)} ${g.gridCode ?? '—'}`, g.counts, 'grid')),
        ...figures.byPremises.map((p) => row(`${t(TEXT.byPremises)} ${p.premises.code}`, p.counts, 'premises')),
      ]
    : [];
  figuresBox.replaceChildren(
    el('h2', {}, t(TEXT.figures)),
    problems,
    el(
      'div',
      { class: 'collection-scroll' },
      el(
        'table',
        { class: 'collection-table collection-figures-table' },
        el('thead', {}, el('tr', {}, ...[TEXT.place, TEXT.received, TEXT.confirmed, TEXT.rejected, TEXT.pending, TEXT.median].map((label) => el('th', { scope: 'col' }, t(label))))),
        el('tbody', {}, ...body),
      ),
    ),
  );
}

function renderAll(): void {
  heading.textContent = t(title);
  renderPurpose();
  renderQueue();
  renderFigures();
}

onLanguageChange(renderAll);
onSessionChange(() => {
  Object.assign(state, { rows: [], cursor: null, hasMore: false, figures: null, problems: [], outcome: [], figureProblems: [] });
  state.selected.clear();
  renderAll();
  void reload();
});
renderAll();
void reload();
