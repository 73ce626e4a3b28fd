import '../shared/style.css';
import './declare.css';
import { chinaDateOf, checkIdNumber } from '../../domain/id-number.js';
import { checkMobilePhone } from '../../domain/phone.js';
import { el } from '../shared/dom.js';
import { graphql, plainWords, showProblems, type GraphQLErrorShape } from '../shared/graphql.js';
import { format, languageSwitch, onLanguageChange, t } from '../shared/i18n.js';
import type { Label } from '../shared/label.js';
import { startPage } from '../shared/page-data.js';
import { declarable } from '../shared/purposes.js';
import { currentSession, onSessionChange, type Session } from '../shared/session.js';
import { mountSignIn } from '../shared/sign-in.js';
import type { DeclarationKind, DeclareData } from './data.js';

/**
 * The declaration form a landlord, employer or resident reaches by scanning a
 * premises' QR code (`/declare?p=<link>`), on a phone. Each field is checked
 * here as the hub checks it (the same national-standard code), and what the
 * hub still refuses is shown beside the field it names. A submission carries
 * a key made once per filled form, so sending it again never declares twice.
 */

const { title, data } = startPage<DeclareData>();

const TEXT = {
  signInFirst: { zh: '请先粘贴身份提供方给您的令牌登录。', en: 'Sign in first with the token your identity provider gave you.' },
  notDeclarant: { zh: '此令牌不是房东、单位或居民的令牌，不能申报。', en: 'This token is not a landlord’s, employer’s or resident’s: it cannot declare.' },
  noLink: { zh: '未通过场所码打开：租住和就业申报须扫描场所码。', en: 'Not opened from a premises code: tenancy and employment declarations need one.' },
  linkFor: { zh: '此场所码用于：{kind} {code}', en: 'This code is for: {kind} {code}' },
  linkValid: { zh: '有效期至 {time}', en: 'Valid until {time}' },
  linkExpired: { zh: '此场所码已过期，不能再用于申报。请向房东或单位索取新的场所码。', en: 'This premises code has expired and can no longer be used. Ask the landlord or employer for a new one.' },
  linkRevoked: { zh: '此场所码已被撤销，不能再用于申报。请向房东或单位索取新的场所码。', en: 'This premises code has been revoked and can no longer be used. Ask the landlord or employer for a new one.' },
  linkInvalid: { zh: '此场所码无效：它不是本平台签发的。', en: 'This premises code is not valid: this hub did not issue it.' },
  HOUSE: { zh: '房屋', en: 'House' },
  EMPLOYER: { zh: '单位', en: 'Workplace' },
  kind: { zh: '申报类型', en: 'Declaration' },
  TENANCY: { zh: '租住登记', en: 'Tenancy' },
  EMPLOYMENT: { zh: '就业登记', en: 'Employment' },
  RESIDENCE: { zh: '居住登记', en: 'Residence' },
  check: { zh: '核验身份', en: 'Check identity' },
  checking: { zh: '正在核验…', en: 'Checking…' },
  submit: { zh: '提交申报', en: 'Submit' },
  sending: { zh: '正在提交…', en: 'Sending…' },
  another: { zh: '再申报一人', en: 'Declare another' },
  received: { zh: '已提交，等待{dept}审核（编号 {id}）。', en: 'Received, waiting for review (number {id}).' },
  duplicate: { zh: '此申报已提交过，未重复登记（编号 {id}）。', en: 'This was already received; nothing was declared twice (number {id}).' },
  fixFields: { zh: '请按提示修改标出的字段。', en: 'Correct the fields marked.' },
  mine: { zh: '我的申报', en: 'My declarations' },
  refresh: { zh: '刷新', en: 'Refresh' },
  none: { zh: '暂无申报。', en: 'No declarations yet.' },
  PENDING: { zh: '待审核', en: 'Pending' },
  CONFIRMED: { zh: '已确认', en: 'Confirmed' },
  REJECTED: { zh: '已退回', en: 'Rejected' },
  reason: { zh: '退回原因：', en: 'Reason: ' },
  required: { zh: '必填', en: 'Required' },
  tooLong: { zh: '最多 {max} 个字', en: 'At most {max} characters' },
  idLength: { zh: '身份证号须为 18 位', en: 'An identity number has 18 characters' },
  idCheck: { zh: '身份证号校验位不正确，请核对', en: 'The check character of this identity number is wrong: check it' },
  idLowerX: { zh: '末位 X 须大写', en: 'The final X must be upper case' },
  idOther: { zh: '身份证号无效（地区码或出生日期有误）', en: 'Not a valid identity number (region or birth date)' },
  phone: { zh: '须为 11 位手机号，以 13–19 开头', en: 'An 11-digit mobile number starting 13–19' },
  date: { zh: '请选择日期', en: 'Choose a date' },
  future: { zh: '日期不能晚于今天', en: 'The date must not be in the future' },
  rent: { zh: '须为 0 至 1,000,000 的整数', en: 'A whole number from 0 to 1,000,000' },
  division: { zh: '须为 6 位区县代码', en: 'A 6-digit district code' },
  grid: { zh: '须为 12 位网格代码，以区县代码开头', en: 'A 12-digit grid code starting with the district code' },
  house: { zh: '须为 18 位房屋编码', en: 'An 18-digit house code' },
} satisfies Record<string, Label>;

const FIELD_LABELS: Readonly<Record<string, Label>> = {
  idNumber: { zh: '身份证号', en: 'Identity number' },
  name: { zh: '姓名', en: 'Name' },
  phone: { zh: '手机号', en: 'Mobile phone' },
  start: { zh: '起始日期', en: 'Start date' },
  room: { zh: '房间号', en: 'Room' },
  landlordName: { zh: '房东姓名', en: 'Landlord’s name' },
  monthlyRent: { zh: '月租金（元）', en: 'Monthly rent (yuan)' },
  position: { zh: '岗位', en: 'Position' },
  socialInsurance: { zh: '社会保险', en: 'Social insurance' },
  address: { zh: '居住地址', en: 'Address' },
  divisionCode: { zh: '区县代码', en: 'District code' },
  gridCode: { zh: '网格代码', en: 'Grid code' },
  houseCode: { zh: '房屋编码', en: 'House code' },
};

const START_LABELS: Readonly<Record<DeclarationKind, Label>> = {
  TENANCY: { zh: '入住日期', en: 'Move-in date' },
  EMPLOYMENT: { zh: '入职日期', en: 'First working day' },
  RESIDENCE: { zh: '开始居住日期', en: 'Living there since' },
};

const INSURANCE_LABELS: Readonly<Record<string, Label>> = {
  INSURED: { zh: '正常缴费', en: 'Insured' },
  SUSPENDED: { zh: '暂停缴费', en: 'Suspended' },
  NOT_INSURED: { zh: '未参保', en: 'Not insured' },
};

const REVIEWER: Readonly<Record<DeclarationKind, Label>> = {
  TENANCY: { zh: '住房部门', en: 'housing' },
  EMPLOYMENT: { zh: '人社部门', en: 'labour' },
  RESIDENCE: { zh: '公安部门', en: 'the police' },
};

const COMMON_FIELDS = ['idNumber', 'name', 'phone', 'start'] as const;
const NUMBER_FIELDS = new Set(['monthlyRent']);

/** The link the page was opened with, if any. */
const linkToken = new URLSearchParams(location.search).get('p')?.trim() || null;

interface LinkState {
  kind: 'HOUSE' | 'EMPLOYER';
  code: string;
  label: string | null;
  valid: boolean;
  expired: boolean;
  revoked: boolean;
  expiresAt: string;
}

interface Declared {
  id: string;
  kind: DeclarationKind;
  status: 'PENDING' | 'CONFIRMED' | 'REJECTED';
  name: string | null;
  start: string | null;
  submittedAt: string;
  rejectionReason: string | null;
}

const state: {
  link: LinkState | 'invalid' | null;
  linkProblems: string[];
  kind: DeclarationKind | null;
  /** The key of this filled form: made once, sent with every try, made again only for another declaration. */
  clientKey: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  formProblems: string[];
  result: { id: string; duplicate: boolean; kind: DeclarationKind } | null;
  identity: string | null;
  sending: boolean;
  mine: Declared[] | null;
  mineProblems: string[];
} = {
  link: null,
  linkProblems: [],
  kind: null,
  clientKey: crypto.randomUUID(),
  values: {},
  errors: {},
  formProblems: [],
  result: null,
  identity: null,
  sending: false,
  mine: null,
  mineProblems: [],
};

const app = document.getElementById('app') ?? document.body.appendChild(el('div', { id: 'app' }));
const signIn = el('div', { class: 'hub-account' });
const heading = el('h1');
const linkBox = el('section', { class: 'declare-link', 'aria-live': 'polite' });
const formBox = el('section', { class: 'declare-form-box' });
const mineBox = el('section', { class: 'declare-mine' });
app.replaceChildren(el('header', { class: 'hub-bar' }, heading, el('span', { class: 'hub-spacer' }), signIn, languageSwitch()), el('main', { class: 'declare' }, linkBox, formBox, mineBox));
mountSignIn(signIn);

const purpose = () => data.purposes[0]?.name ?? 'declaration';
const declared = (session: Session) => ({ token: session.token, purpose: purpose() });

/** The kinds the signed-in roles declare, in the rules' order, only under a purpose they may declare. */
function kindsOf(session: Session | null): DeclarationKind[] {
  if (!session || declarable(data.purposes, session.claims.roles).length === 0) return [];
  const kinds = session.claims.roles.flatMap((role) => data.kindsByRole[role] ?? []);
  return [...new Set(kinds)];
}

/** The kind the link's premises suit, among those the caller declares. */
function defaultKind(kinds: DeclarationKind[]): DeclarationKind | null {
  const link = state.link;
  if (link && link !== 'invalid' && link.kind === 'EMPLOYER' && kinds.includes('EMPLOYMENT')) return 'EMPLOYMENT';
  return kinds[0] ?? null;
}

/** Whether the signed-in declarant declares about themselves: their credential names their identity number. */
const declaresSelf = () => currentSession()?.claims.roles.includes('resident') ?? false;

/**
 * The fields of a kind, as the hub takes them: the identity number is required
 * of a landlord or employer, and a resident's own (given, it must be the one
 * their credential names); the phone is optional; then the kind's own.
 */
const fieldsOf = (kind: DeclarationKind): { name: string; required: boolean }[] => [
  ...COMMON_FIELDS.map((name) => ({ name, required: name === 'idNumber' ? !declaresSelf() : name !== 'phone' })),
  ...data.fieldsByKind[kind].required.map((name) => ({ name, required: true })),
  ...data.fieldsByKind[kind].optional.map((name) => ({ name, required: false })),
];

const today = () => chinaDateOf(new Date());

/** Why a field's value would be refused, as the hub would refuse it; null when it would not. */
function problemOf(name: string, raw: string, required: boolean): string | null {
  const value = raw.trim();
  if (value === '') return required ? t(TEXT.required) : null;
  const max = data.textLengths[name];
  if (max !== undefined && [...value].length > max) return format(TEXT.tooLong, { max });
  switch (name) {
    case 'idNumber': {
      if (value.length !== 18) return t(TEXT.idLength);
      const check = checkIdNumber(value);
      if (check.ok) return null;
      if (/lowercase/.test(check.reason)) return t(TEXT.idLowerX);
      return /check character/.test(check.reason) ? t(TEXT.idCheck) : t(TEXT.idOther);
    }
    case 'phone':
      return checkMobilePhone(value).ok ? null : t(TEXT.phone);
    case 'start':
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return t(TEXT.date);
      return value > today() ? t(TEXT.future) : null;
    case 'monthlyRent': {
      const rent = Number(value);
      return /^\d+$/.test(value) && rent <= 1_000_000 ? null : t(TEXT.rent);
    }
    case 'divisionCode':
      return /^\d{6}$/.test(value) ? null : t(TEXT.division);
    case 'gridCode': {
      const division = (state.values.divisionCode ?? '').trim();
      return /^\d{12}$/.test(value) && (division === '' || value.startsWith(division)) ? null : t(TEXT.grid);
    }
    case 'houseCode':
      return /^\d{18}$/.test(value) ? null : t(TEXT.house);
    default:
      return null;
  }
}

function validate(kind: DeclarationKind): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of fieldsOf(kind)) {
    const problem = problemOf(field.name, state.values[field.name] ?? '', field.required);
    if (problem) errors[field.name] = problem;
  }
  return errors;
}

function renderLink(): void {
  const session = currentSession();
  const parts: (Node | string)[] = [];
  if (!session) parts.push(el('p', { class: 'declare-sign-in-first' }, t(TEXT.signInFirst)));
  // What a link is for is told to a signed-in caller only: asked once signed in.
  const link = session ? state.link : null;
  if (!linkToken) parts.push(el('p', {}, t(TEXT.noLink)));
  else if (link === 'invalid') parts.push(el('p', { class: 'declare-link-bad', role: 'alert' }, t(TEXT.linkInvalid)));
  else if (link) {
    parts.push(el('p', { class: 'declare-link-for' }, format(TEXT.linkFor, { kind: t(TEXT[link.kind]), code: link.code })));
    if (link.label) parts.push(el('p', { class: 'declare-link-label' }, link.label));
    if (link.revoked) parts.push(el('p', { class: 'declare-link-bad', role: 'alert' }, t(TEXT.linkRevoked)));
    else if (link.expired) parts.push(el('p', { class: 'declare-link-bad', role: 'alert' }, t(TEXT.linkExpired)));
    else parts.push(el('p', { class: 'declare-link-until' }, format(TEXT.linkValid, { time: new Date(link.expiresAt).toLocaleDateString(t({ zh: 'zh-CN', en: 'en-GB' })) })));
  }
  const problems = el('div');
  showProblems(problems, state.linkProblems);
  linkBox.replaceChildren(...parts, problems);
}

function fieldControl(kind: DeclarationKind, name: string, required: boolean): HTMLElement {
  const id = `declare-${name}`;
  const errorId = `${id}-error`;
  const error = state.errors[name];
  const label = name === 'start' ? START_LABELS[kind] : (FIELD_LABELS[name] ?? { zh: name, en: name });
  const common: Record<string, string | boolean> = { id, name, 'aria-describedby': errorId, 'aria-invalid': error ? 'true' : 'false', required };
  let control: HTMLInputElement | HTMLSelectElement;
  if (name === 'socialInsurance') {
    control = el('select', common, el('option', { value: '' }, '—'), ...data.socialInsurance.map((value) => el('option', { value }, t(INSURANCE_LABELS[value] ?? { zh: value, en: value }))));
  } else {
    const attributes: Record<string, string | boolean> = { ...common, type: 'text', autocomplete: 'off' };
    if (name === 'start') Object.assign(attributes, { type: 'date', max: today() });
    if (name === 'phone') Object.assign(attributes, { type: 'tel', inputmode: 'numeric', maxlength: '11' });
    if (name === 'idNumber') Object.assign(attributes, { maxlength: '18', spellcheck: 'false' });
    if (NUMBER_FIELDS.has(name)) Object.assign(attributes, { inputmode: 'numeric' });
    control = el('input', attributes);
  }
  control.value = state.values[name] ?? '';
  const check = () => {
    const problem = problemOf(name, control.value, required);
    if (problem) state.errors[name] = problem;
    else delete state.errors[name];
    showFieldError(name);
  };
  control.addEventListener('input', () => {
    state.values[name] = control.value;
    // A field marked wrong is cleared as soon as it is right, before the next tap lands on a moved button.
    if (state.errors[name]) check();
  });
  control.addEventListener('change', () => {
    state.values[name] = control.value;
    check();
  });
  const labelText = required ? t(label) : `${t(label)}${t({ zh: '（选填）', en: ' (optional)' })}`;
  return el('div', { class: 'hub-field declare-field', 'data-field': name }, el('label', { for: id }, labelText), control, el('p', { id: errorId, class: 'declare-error', hidden: !error }, error ?? ''));
}

/** Updates one field's error in place, keeping the focus where it is. */
function showFieldError(name: string): void {
  const error = state.errors[name];
  const message = document.getElementById(`declare-${name}-error`);
  const control = document.getElementById(`declare-${name}`);
  if (message) {
    message.textContent = error ?? '';
    message.hidden = !error;
  }
  control?.setAttribute('aria-invalid', error ? 'true' : 'false');
}

function renderForm(): void {
  const session = currentSession();
  const kinds = kindsOf(session);
  if (!session) return void formBox.replaceChildren();
  if (kinds.length === 0) return void formBox.replaceChildren(el('p', { role: 'alert', class: 'hub-problems' }, t(TEXT.notDeclarant)));
  if (!state.kind || !kinds.includes(state.kind)) state.kind = defaultKind(kinds);
  const kind = state.kind;
  if (!kind) return void formBox.replaceChildren();
  const linkUnusable = state.link === 'invalid' || (state.link !== null && !state.link.valid);

  const kindSelect = el('select', { id: 'declare-kind', name: 'kind' }, ...kinds.map((k) => el('option', { value: k, selected: k === kind }, t(TEXT[k]))));
  kindSelect.disabled = kinds.length < 2;
  kindSelect.addEventListener('change', () => {
    state.kind = kindSelect.value as DeclarationKind;
    state.errors = {};
    renderForm();
  });

  const fields = fieldsOf(kind).map((field) => fieldControl(kind, field.name, field.required));
  const checkButton = el('button', { type: 'button', class: 'declare-secondary', 'data-action': 'check-identity' }, t(TEXT.check));
  checkButton.addEventListener('click', () => void checkIdentity(checkButton));
  const identity = el('p', { class: 'declare-identity', 'aria-live': 'polite', hidden: state.identity === null }, state.identity ?? '');
  // The identity check sits with the identity fields: after the name.
  const nameIndex = fields.findIndex((field) => field.dataset.field === 'name');
  fields.splice(nameIndex + 1, 0, el('div', { class: 'declare-check' }, checkButton, identity));

  const problems = el('div', { class: 'declare-form-problems' });
  showProblems(problems, state.formProblems);
  const submit = el('button', { type: 'submit', 'data-action': 'submit', disabled: state.sending || linkUnusable }, t(state.sending ? TEXT.sending : TEXT.submit));
  const children: (Node | string)[] = [el('div', { class: 'hub-field' }, el('label', { for: 'declare-kind' }, t(TEXT.kind)), kindSelect), ...fields, problems, submit];
  if (state.result) {
    const { id, duplicate } = state.result;
    children.push(el('p', { class: 'declare-result', role: 'status' }, duplicate ? format(TEXT.duplicate, { id }) : format(TEXT.received, { id, dept: t(REVIEWER[state.result.kind]) })));
    const another = el('button', { type: 'button', class: 'declare-secondary', 'data-action': 'another' }, t(TEXT.another));
    another.addEventListener('click', () => {
      Object.assign(state, { clientKey: crypto.randomUUID(), values: {}, errors: {}, formProblems: [], result: null, identity: null });
      renderForm();
    });
    children.push(another);
  }
  const form = el('form', { class: 'declare-form', novalidate: true }, ...children);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void send();
  });
  formBox.replaceChildren(form);
}

async function checkIdentity(button: HTMLButtonElement): Promise<void> {
  const session = currentSession();
  if (!session) return;
  const errors: Record<string, string> = {};
  for (const name of ['idNumber', 'name']) {
    const problem = problemOf(name, state.values[name] ?? '', true);
    if (problem) errors[name] = problem;
    else delete state.errors[name];
  }
  Object.assign(state.errors, errors);
  ['idNumber', 'name'].forEach(showFieldError);
  if (Object.keys(errors).length > 0) return;
  button.disabled = true;
  button.textContent = t(TEXT.checking);
  const answer = await graphql<{ declaredIdentityCheck: { message: string } | null }>(
    { query: 'query DeclaredIdentity($idNumber: String!, $name: String!) { declaredIdentityCheck(idNumber: $idNumber, name: $name) { message } }', variables: { idNumber: (state.values.idNumber ?? '').trim(), name: (state.values.name ?? '').trim() } },
    declared(session),
  );
  state.identity = answer.data?.declaredIdentityCheck?.message ?? answer.problems.join(' ');
  button.disabled = false;
  button.textContent = t(TEXT.check);
  const shown = formBox.querySelector<HTMLElement>('.declare-identity');
  if (shown) {
    shown.textContent = state.identity;
    shown.hidden = false;
  }
}

/** The field of the form an error names (`input.idNumber` → idNumber), when the form has it. */
function fieldNamed(path: unknown, kind: DeclarationKind): string | null {
  if (typeof path !== 'string') return null;
  const name = path.replace(/^input\./, '');
  return fieldsOf(kind).some((field) => field.name === name) ? name : null;
}

/** Puts each of the hub's refusals beside the field it names; the others above the button. */
function placeErrors(errors: readonly GraphQLErrorShape[], kind: DeclarationKind): void {
  const general: GraphQLErrorShape[] = [];
  for (const error of errors) {
    const listed = Array.isArray(error.extensions?.problems) ? (error.extensions.problems as { field?: unknown; code?: unknown; message?: unknown }[]) : [{ field: error.extensions?.field, code: error.extensions?.code, message: error.message }];
    for (const problem of listed) {
      const field = fieldNamed(problem.field, kind);
      const text = typeof problem.message === 'string' ? problem.message : error.message;
      const message = text.replace(/^input\.\w+: /, '');
      if (field) state.errors[field] = plainWords([{ message, extensions: { code: problem.code } }])[0] ?? message;
      else general.push({ message: text, extensions: { code: problem.code, field: problem.field } });
    }
  }
  state.formProblems = plainWords(general);
  if (Object.keys(state.errors).length > 0) state.formProblems.unshift(t(TEXT.fixFields));
}

const SUBMIT = `mutation SubmitDeclaration($input: SubmitDeclarationInput!) {
  submitDeclaration(input: $input) { duplicate declaration { id kind status } }
}`;

async function send(): Promise<void> {
  const session = currentSession();
  const kind = state.kind;
  if (!session || !kind || state.sending) return;
  // What was typed last, even if the field did not report a change yet.
  formBox.querySelectorAll<HTMLInputElement | HTMLSelectElement>('.declare-field [name]').forEach((control) => {
    state.values[control.name] = control.value;
  });
  state.errors = validate(kind);
  state.formProblems = Object.keys(state.errors).length > 0 ? [t(TEXT.fixFields)] : [];
  if (Object.keys(state.errors).length > 0) {
    renderForm();
    document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    return;
  }
  const input: Record<string, unknown> = { kind, clientKey: state.clientKey };
  if (linkToken) input.link = linkToken;
  for (const field of fieldsOf(kind)) {
    const value = (state.values[field.name] ?? '').trim();
    if (value === '') continue;
    input[field.name] = NUMBER_FIELDS.has(field.name) ? Number(value) : value;
  }
  state.sending = true;
  renderForm();
  const answer = await graphql<{ submitDeclaration: { duplicate: boolean; declaration: { id: string; kind: DeclarationKind } | null } | null }>({ query: SUBMIT, variables: { input } }, declared(session));
  state.sending = false;
  const made = answer.data?.submitDeclaration?.declaration;
  if (made && answer.errors.length === 0) {
    state.result = { id: made.id, duplicate: answer.data?.submitDeclaration?.duplicate ?? false, kind: made.kind };
    state.formProblems = [];
  } else {
    placeErrors(answer.errors, kind);
  }
  renderForm();
  if (!made) document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  else void loadMine();
}

const MINE = `query MyDeclarations { myDeclarations(first: 50) { edges { node { id kind status name start submittedAt rejectionReason } } } }`;

async function loadMine(): Promise<void> {
  const session = currentSession();
  if (!session || kindsOf(session).length === 0) {
    state.mine = null;
    return renderMine();
  }
  const answer = await graphql<{ myDeclarations: { edges: { node: Declared }[] } | null }>({ query: MINE }, declared(session));
  state.mine = answer.data?.myDeclarations?.edges.map((edge) => edge.node) ?? null;
  state.mineProblems = answer.problems;
  renderMine();
}

function renderMine(): void {
  if (!currentSession() || (state.mine === null && state.mineProblems.length === 0)) return void mineBox.replaceChildren();
  const refresh = el('button', { type: 'button', class: 'declare-secondary', 'data-action': 'refresh' }, t(TEXT.refresh));
  refresh.addEventListener('click', () => void loadMine());
  const problems = el('div');
  showProblems(problems, state.mineProblems);
  const items = (state.mine ?? []).map((d) =>
    el(
      'li',
      { class: 'declare-item', 'data-id': d.id, 'data-status': d.status },
      el('span', { class: 'declare-item-what' }, `${t(TEXT[d.kind])} · ${d.name ?? ''} · ${d.start ?? ''}`),
      el('span', { class: `declare-status declare-status-${d.status.toLowerCase()}` }, t(TEXT[d.status])),
      ...(d.rejectionReason ? [el('span', { class: 'declare-reason' }, t(TEXT.reason), d.rejectionReason)] : []),
    ),
  );
  mineBox.replaceChildren(
    el('div', { class: 'declare-mine-head' }, el('h2', {}, t(TEXT.mine)), refresh),
    problems,
    items.length > 0 ? el('ul', { class: 'declare-list' }, ...items) : el('p', {}, t(TEXT.none)),
  );
}

async function loadLink(): Promise<void> {
  const session = currentSession();
  state.link = null;
  state.linkProblems = [];
  if (!linkToken || !session) return renderLink();
  const answer = await graphql<{ premisesLink: LinkState | null }>(
    { query: 'query PremisesLink($token: String!) { premisesLink(token: $token) { valid expired revoked expiresAt premises { kind code label } } }', variables: { token: linkToken } },
    declared(session),
  );
  const found = answer.data?.premisesLink as (Omit<LinkState, 'kind' | 'code' | 'label'> & { premises: Pick<LinkState, 'kind' | 'code' | 'label'> }) | null | undefined;
  if (found) state.link = { ...found, ...found.premises };
  else if (answer.errors.some((error) => error.extensions?.code === 'BAD_USER_INPUT')) state.link = 'invalid';
  else state.linkProblems = answer.problems;
  renderLink();
  renderForm();
}

function renderAll(): void {
  heading.textContent = t(title);
  renderLink();
  renderForm();
  renderMine();
}

onLanguageChange(() => {
  // The form's own findings are said again in the new language; the hub's stay as it said them.
  for (const [name, error] of Object.entries(state.errors)) {
    const field = state.kind ? fieldsOf(state.kind).find((f) => f.name === name) : undefined;
    const again = field ? problemOf(name, state.values[name] ?? '', field.required) : null;
    state.errors[name] = again ?? error;
  }
  renderAll();
});
onSessionChange(() => {
  state.kind = null;
  renderAll();
  void loadLink();
  void loadMine();
});
renderAll();
void loadLink();
void loadMine();
