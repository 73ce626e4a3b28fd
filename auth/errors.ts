import { createRequire } from 'node:module';
import { HeaderMap } from '@apollo/server';
import type { GraphQLError as GraphQLErrorType } from 'graphql';

/**
 * Apollo Server recognises an error thrown while building the context with
 * `instanceof GraphQLError`, against the copy of graphql that Node's own
 * resolution loads (CommonJS). A bundler-style loader (vitest) may hand our
 * sources the ES-module copy instead, whose errors Apollo would re-wrap under
 * "Context creation failed: ". Taking the class from where Apollo takes it
 * keeps the message exactly as written everywhere.
 */
const { GraphQLError } = createRequire(import.meta.url)('graphql') as { GraphQLError: typeof GraphQLErrorType };

/*
 * Errors raised before any resolver runs, while the request context is built.
 * Apollo Server answers them with the HTTP status and headers carried in
 * `extensions.http`, and no `data` at all.
 */

/** The caller is not (or not validly) authenticated: HTTP 401. */
export function unauthenticated(message: string, challenge?: string): GraphQLErrorType {
  const headers = new HeaderMap();
  if (challenge) headers.set('www-authenticate', challenge);
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers } } });
}

/** The request is missing something the hub requires of every request: HTTP 400. */
export function badRequest(message: string): GraphQLErrorType {
  return new GraphQLError(message, { extensions: { code: 'BAD_REQUEST', http: { status: 400, headers: new HeaderMap() } } });
}

/** The caller is known, and what the request declares is not theirs to declare: HTTP 403. */
export function forbiddenRequest(message: string): GraphQLErrorType {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', http: { status: 403, headers: new HeaderMap() } } });
}

/** The hub cannot decide right now (its identity provider does not answer): HTTP 503, with the message given and never its cause. */
export function unavailable(message: string, cause: unknown): GraphQLErrorType {
  return new GraphQLError(message, {
    originalError: cause instanceof Error ? cause : undefined,
    extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503, headers: new HeaderMap() } },
  });
}
