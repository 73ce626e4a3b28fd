/** A minimal GraphQL-over-HTTP client for tests: real HTTP on loopback. Headers may be given as a promise (tokens are signed asynchronously). */
export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: { data?: T | null; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] };
}

/**
 * Headers that can only be worked out from the exact body sent (an internal
 * token is signed over it, for the subgraph at `url`): `graphql()` calls this
 * at send time. Spreading such headers into others keeps it.
 */
export const SIGN_BODY = Symbol('headers signed over the body sent');
export type TestHeaders = Record<string, string> & { [SIGN_BODY]?: (body: string, url: string) => Promise<Record<string, string>> };

/** The plain headers for a request to `url` with `body`: the given ones, plus any signed over the body. */
export async function headersFor(url: string, body: string, headers: TestHeaders | Promise<TestHeaders>): Promise<Record<string, string>> {
  const { [SIGN_BODY]: sign, ...plain } = await headers;
  return { ...plain, ...(sign ? await sign(body, url) : {}) };
}

export async function graphql<T = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: TestHeaders | Promise<TestHeaders> = {},
): Promise<GraphQLResponse<T>> {
  const sent = JSON.stringify({ query, variables });
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await headersFor(url, sent, headers)) },
    body: sent,
  });
  const text = await response.text();
  let body: GraphQLResponse<T>['body'];
  try {
    body = JSON.parse(text) as GraphQLResponse<T>['body'];
  } catch {
    throw new Error(`Non-JSON response (${response.status}): ${text.slice(0, 200)}`);
  }
  return { status: response.status, headers: response.headers, body };
}

/** The codes of all errors in a response, for compact assertions. */
export const errorCodes = (response: GraphQLResponse): unknown[] => (response.body.errors ?? []).map((e) => e.extensions?.code);

/**
 * Any HTTP request to a GraphQL endpoint, body and headers exactly as given:
 * for requests a well-behaved client would never send.
 */
export async function rawRequest(url: string, init: RequestInit): Promise<GraphQLResponse & { text: string }> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: GraphQLResponse['body'];
  try {
    body = JSON.parse(text) as GraphQLResponse['body'];
  } catch {
    throw new Error(`Non-JSON response (${response.status}): ${text.slice(0, 200)}`);
  }
  return { status: response.status, headers: response.headers, body, text };
}
