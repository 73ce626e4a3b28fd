/*
 * What makes an example's answer worth printing in the documentation: no
 * error but those the example says it shows, every entry point answered, no
 * object that came back all nulls, and no empty page unless the example says
 * the page may be empty.
 */

export interface AnswerError {
  message: string;
  path?: readonly (string | number)[];
  extensions?: Record<string, unknown>;
}

export interface GraphQLAnswer {
  data?: unknown;
  errors?: readonly AnswerError[];
}

export interface Expectations {
  /** Error codes the example is there to show; no other may come, and each must. */
  expect: readonly string[];
  /** Connection fields whose page may be empty (by field name). */
  empty: readonly string[];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const pathText = (path: readonly (string | number)[]) => path.join('.');
const codeOf = (error: AnswerError) => (typeof error.extensions?.code === 'string' ? error.extensions.code : 'NO_CODE');

export function isGraphQLAnswer(value: unknown): value is GraphQLAnswer {
  return isObject(value) && ('data' in value || 'errors' in value) && Object.keys(value).every((k) => k === 'data' || k === 'errors' || k === 'extensions');
}

/** What is wrong with an answer, in words; empty when it is what the documentation promises. */
export function answerProblems(answer: GraphQLAnswer, expectations: Expectations): string[] {
  const problems: string[] = [];
  const errors = answer.errors ?? [];
  const expected = new Set(expectations.expect);
  for (const error of errors) {
    if (!expected.has(codeOf(error))) problems.push(`unexpected ${codeOf(error)} error${error.path ? ` at ${pathText(error.path)}` : ''}: ${error.message}`);
  }
  for (const code of expected) {
    if (!errors.some((e) => codeOf(e) === code)) problems.push(`the example shows a ${code} error, but none came`);
  }
  // Nulls the expected errors account for are what the example shows.
  const explained = new Set(errors.filter((e) => expected.has(codeOf(e)) && e.path).map((e) => pathText(e.path!)));

  if (!isObject(answer.data)) {
    if (expected.size === 0) problems.push('no data');
    return problems;
  }
  for (const [field, value] of Object.entries(answer.data)) {
    if (value === null && !explained.has(field)) problems.push(`${field} answered null`);
  }
  const walk = (value: unknown, path: (string | number)[]): void => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, [...path, index]));
      return;
    }
    if (!isObject(value)) return;
    const entries = Object.entries(value).filter(([key]) => key !== '__typename');
    if (path.length > 0 && entries.length > 0 && entries.every(([, v]) => v === null || (isObject(v) && Object.keys(v).length === 0))) {
      if (!entries.every(([key]) => explained.has(pathText([...path, key])))) problems.push(`${pathText(path)} holds nothing but nulls`);
    }
    const field = [...path].reverse().find((p): p is string => typeof p === 'string');
    if (Array.isArray(value.edges) && value.edges.length === 0 && !(field && expectations.empty.includes(field))) {
      problems.push(`${pathText([...path, 'edges'])} is empty`);
    }
    for (const [key, v] of entries) walk(v, [...path, key]);
  };
  walk(answer.data, []);
  return problems;
}

/** The JSON values printed in a command's output (curl prints answers back to back, with no line break). */
export function jsonValuesIn(text: string): unknown[] {
  const values: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"' && depth > 0) inString = true;
    else if (c === '{' || c === '[') {
      if (depth === 0) start = i;
      depth++;
    } else if ((c === '}' || c === ']') && depth > 0) {
      depth--;
      if (depth === 0) {
        try {
          values.push(JSON.parse(text.slice(start, i + 1)));
        } catch {
          // Brackets in plain text, not a JSON value.
        }
      }
    }
  }
  return values;
}
