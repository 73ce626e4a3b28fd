import '../shared/style.css';
import './my-access.css';
import { el } from '../shared/dom.js';
import { graphql, showProblems } from '../shared/graphql.js';
import { format, languageSwitch, onLanguageChange, t } from '../shared/i18n.js';
import type { Label } from '../shared/label.js';
import { labelOf } from '../shared/labels.js';
import { startPage } from '../shared/page-data.js';
import { currentSession, onSessionChange } from '../shared/session.js';
import { mountSignIn } from '../shared/sign-in.js';
import { instant } from '../shared/time.js';
import type { MyAccessData } from './data.js';

/**
 * A resident's own access report: which departments read records naming
 * them, when and for what purpose, newest first — never who. The resident
 * signs in with their own token and declares `own-record`; the hub answers
 * for the identity number the token names, and records the reading.
 */

const PURPOSE = 'own-record';
const PAGE_SIZE = 20;

const TEXT = {
  intro: {
    zh: '这里列出哪些部门查询过与您有关的记录、何时、出于什么用途。不显示具体工作人员；正在侦办的案件在公开日期前不显示。',
    en: 'Which departments read records about you, when and for what purpose. No officer is named; reads for a case under investigation appear once the case may be disclosed.',
  },
  signInFirst: { zh: '请粘贴您的居民令牌登录。', en: 'Paste your resident token to sign in.' },
  notResident: { zh: '此令牌不是居民本人的：平台将拒绝其请求。', en: 'This token is not a resident’s: the hub will refuse its requests.' },
  loading: { zh: '正在读取…', en: 'Loading…' },
  none: { zh: '尚无其他部门查询过您的记录。', en: 'No department has read your record yet.' },
  more: { zh: '更多', en: 'More' },
  read: { zh: '{department}查询了{source}的{record}', en: '{department} read {record} held by {source}' },
  purpose: { zh: '用途：', en: 'Purpose: ' },
  fields: { zh: '字段：', en: 'Fields: ' },
  shown: { zh: '已显示 {count} 条', en: '{count} shown' },
} satisfies Record<string, Label>;

interface Entry {
  occurredAt: string;
  department: string | null;
  purpose: string | null;
  purposeMeaning: string | null;
  source: string | null;
  record: string | null;
  fields: string[];
}

const { title, data } = startPage<MyAccessData>();

const state = {
  entries: [] as Entry[],
  next: null as string | null,
  loaded: false,
  loading: false,
  problems: [] as string[],
};

async function load(after: string | null): Promise<void> {
  state.loading = true;
  render();
  const answer = await graphql<{ myAccessReport: { edges: { node: Entry }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } | null }>(
    {
      query: 'query MyAccess($first: Int, $after: String) { myAccessReport(first: $first, after: $after) { edges { node { occurredAt department purpose purposeMeaning source record fields } } pageInfo { hasNextPage endCursor } } }',
      variables: { first: PAGE_SIZE, after },
    },
    { token: currentSession()?.token ?? null, purpose: PURPOSE },
  );
  state.loading = false;
  state.problems = answer.problems;
  const report = answer.data?.myAccessReport;
  if (report) {
    state.entries.push(...report.edges.map((e) => e.node));
    state.next = report.pageInfo.hasNextPage ? report.pageInfo.endCursor : null;
    state.loaded = true;
  }
  render();
}

const app = document.getElementById('app');
if (!app) throw new Error('the access report page has no #app element');
const heading = el('h1');
const signInSlot = el('div');
mountSignIn(signInSlot);
const main = el('main', { class: 'my-access' });
app.append(el('header', { class: 'hub-bar' }, heading, signInSlot, el('span', { class: 'hub-spacer' }), languageSwitch()), main);

const department = (name: string | null) => (name ? labelOf(data.departments, name) : '–');

function entryItem(entry: Entry): HTMLElement {
  const purpose = entry.purpose ? labelOf(data.purposes, entry.purpose) : '–';
  return el(
    'li',
    { class: 'my-access-entry', 'data-department': entry.department ?? '', 'data-purpose': entry.purpose ?? '' },
    el('time', { datetime: entry.occurredAt }, instant(entry.occurredAt)),
    el('p', { class: 'my-access-what' }, format(TEXT.read, { department: department(entry.department), source: department(entry.source), record: entry.record ?? '–' })),
    el('p', {}, t(TEXT.purpose), el('strong', {}, purpose), entry.purposeMeaning ? ` — ${entry.purposeMeaning}` : ''),
    el('p', { class: 'my-access-fields' }, t(TEXT.fields), entry.fields.join(t({ zh: '、', en: ', ' })) || '–'),
  );
}

function render(): void {
  heading.textContent = t(title);
  const session = currentSession();
  const problems = el('div');
  showProblems(problems, state.problems);
  if (!session) {
    main.replaceChildren(el('p', { class: 'my-access-intro' }, t(TEXT.intro)), el('p', { class: 'my-access-hint' }, t(TEXT.signInFirst)));
    return;
  }
  const parts: (HTMLElement | string)[] = [el('p', { class: 'my-access-intro' }, t(TEXT.intro))];
  if (!session.claims.roles.includes('resident')) parts.push(el('p', { class: 'hub-problems', role: 'alert' }, t(TEXT.notResident)));
  parts.push(problems);
  if (state.loaded && state.entries.length === 0) parts.push(el('p', { 'data-result': 'none' }, t(TEXT.none)));
  if (state.entries.length > 0) {
    parts.push(el('p', { class: 'my-access-count' }, format(TEXT.shown, { count: state.entries.length })));
    parts.push(el('ol', { class: 'my-access-list' }, ...state.entries.map(entryItem)));
  }
  if (state.loading) parts.push(el('p', {}, t(TEXT.loading)));
  else if (state.next !== null) {
    const more = el('button', { type: 'button', 'data-action': 'more' }, t(TEXT.more));
    more.addEventListener('click', () => void load(state.next));
    parts.push(more);
  }
  main.replaceChildren(...parts);
}

function start(): void {
  Object.assign(state, { entries: [], next: null, loaded: false, loading: false, problems: [] });
  render();
  if (currentSession()) void load(null);
}

onSessionChange(start);
onLanguageChange(render);
start();
