import { format, t } from './i18n.js';
import type { Label } from './label.js';

/**
 * Reading and writing through the gateway, as any caller does: the same
 * endpoint, the caller's own token, a declared purpose of use and, where the
 * purpose needs one, a case number. Every read a page makes is checked and
 * recorded like any other.
 */

export const GRAPHQL_PATH = '/graphql';

/** What a request declares besides its document. */
export interface Declared {
  token: string | null;
  purpose?: string | null;
  caseId?: string | null;
}

export interface GraphQLErrorShape {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: unknown; field?: unknown; [key: string]: unknown };
}

export interface GraphQLResponse<TData = Record<string, unknown>> {
  data?: TData | null;
  errors?: GraphQLErrorShape[];
}

export interface GraphQLBody {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

/** The headers the hub reads: Authorization, X-Purpose and X-Case-Id, each only when there is one. */
export function headersFor(declared: Declared): Record<string, string> {
  const headers: Record<string, string> = {};
  if (declared.token) headers.authorization = `Bearer ${declared.token}`;
  const purpose = declared.purpose?.trim();
  if (purpose) headers['x-purpose'] = purpose;
  const caseId = declared.caseId?.trim();
  if (caseId) headers['x-case-id'] = caseId;
  return headers;
}

/** A code of our own for an answer that never came, or was not GraphQL. */
const NETWORK = 'NETWORK';
const NOT_GRAPHQL = 'NOT_GRAPHQL';

const problem = (code: string, message: string): GraphQLResponse => ({ errors: [{ message, extensions: { code } }] });

/**
 * Posts a GraphQL request and returns the answer as the gateway sent it, errors
 * included, whatever the HTTP status; a failure to reach the hub, or an answer
 * that is not GraphQL, comes back as an error of the same shape.
 */
export async function postGraphQL(body: GraphQLBody, declared: Declared, extraHeaders: Record<string, string> = {}): Promise<GraphQLResponse> {
  let response: Response;
  try {
    response = await fetch(GRAPHQL_PATH, {
      method: 'POST',
      headers: { ...extraHeaders, ...headersFor(declared), 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify(body),
      credentials: 'omit',
    });
  } catch {
    return problem(NETWORK, 'the hub could not be reached');
  }
  try {
    const answer = (await response.json()) as unknown;
    if (typeof answer === 'object' && answer !== null && ('data' in answer || 'errors' in answer)) return answer as GraphQLResponse;
  } catch {
    // Not JSON: reported below.
  }
  return problem(NOT_GRAPHQL, `the hub answered HTTP ${response.status} without a GraphQL result`);
}

/** Each error code the hub sends, in plain words. */
const PLAIN_WORDS: ReadonlyMap<string, Label> = new Map([
  ['UNAUTHENTICATED', { zh: '令牌未被接受，请重新登录', en: 'Your token was not accepted: sign in again' }],
  ['FORBIDDEN', { zh: '您的角色或所选用途不允许此操作', en: 'Your roles or the purpose you chose do not allow this' }],
  ['BAD_REQUEST', { zh: '请求不完整或有误', en: 'The request is incomplete or wrong' }],
  ['BAD_USER_INPUT', { zh: '输入有误', en: 'Some input is not valid' }],
  ['GRAPHQL_PARSE_FAILED', { zh: '查询语法有误', en: 'The query is not valid GraphQL' }],
  ['GRAPHQL_VALIDATION_FAILED', { zh: '查询与接口不符', en: 'The query does not match the schema' }],
  ['OPERATION_RESOLUTION_FAILURE', { zh: '找不到要运行的操作', en: 'The operation to run is not in the document' }],
  ['NOT_FOUND', { zh: '未找到', en: 'Not found' }],
  ['CONFLICT', { zh: '与已有记录冲突', en: 'It conflicts with a record already there' }],
  ['RATE_LIMITED', { zh: '请求过于频繁，请稍候再试', en: 'Too many requests: wait a moment and try again' }],
  ['LOOKUP_CAP', { zh: '按完整身份证号查询的次数已达上限', en: 'You have made as many look-ups by full identity number as allowed' }],
  ['SERVICE_UNAVAILABLE', { zh: '平台暂时无法处理，请稍后再试', en: 'The hub cannot answer right now: try again later' }],
  ['SUBGRAPH_UNAVAILABLE', { zh: '某个部门的服务暂时不可用', en: "A department's service is not answering right now" }],
  ['INTERNAL_SERVER_ERROR', { zh: '平台出错，请稍后再试', en: 'The hub failed to answer: try again later' }],
  [NETWORK, { zh: '无法连接到平台', en: 'The hub could not be reached' }],
  [NOT_GRAPHQL, { zh: '平台的回答无法读取', en: "The hub's answer could not be read" }],
]);

const SOMETHING_WRONG: Label = { zh: '出错了', en: 'Something went wrong' };
const ON_FIELD: Label = { zh: '（字段 {field}）', en: ' (field {field})' };

/** One sentence per error, in the current language: what kind of problem, the hub's own message, and the field it names. */
export function plainWords(errors: readonly GraphQLErrorShape[]): string[] {
  return errors.map((error) => {
    const code = typeof error.extensions?.code === 'string' ? error.extensions.code : '';
    const kind = t(PLAIN_WORDS.get(code) ?? SOMETHING_WRONG);
    const field = typeof error.extensions?.field === 'string' ? format(ON_FIELD, { field: error.extensions.field }) : '';
    return `${kind}${t({ zh: '：', en: ': ' })}${error.message}${field}`;
  });
}

/** An answer as a page uses it: the data, if any, and every error in plain words. */
export interface Answer<TData> {
  data: TData | null;
  problems: string[];
  errors: GraphQLErrorShape[];
}

/** Sends a request as `declared`; the data may be partial, with the problems saying why. */
export async function graphql<TData = Record<string, unknown>>(body: GraphQLBody, declared: Declared): Promise<Answer<TData>> {
  const answer = (await postGraphQL(body, declared)) as GraphQLResponse<TData>;
  const errors = answer.errors ?? [];
  return { data: answer.data ?? null, problems: plainWords(errors), errors };
}

/** Shows problems in `container` as an alert list, or empties it when there are none. */
export function showProblems(container: HTMLElement, problems: readonly string[]): void {
  container.replaceChildren(
    ...problems.map((text) => {
      const item = document.createElement('p');
      item.textContent = text;
      return item;
    }),
  );
  container.hidden = problems.length === 0;
  container.setAttribute('role', 'alert');
  container.classList.add('hub-problems');
}
