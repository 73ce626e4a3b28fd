/**
 * Who is asking. The gateway verifies the caller's token and forwards this to
 * the subgraphs inside its signed internal token; a subgraph never trusts a
 * caller-supplied principal.
 */
export interface Principal {
  subject: string;
  department: string;
  roles: readonly string[];
  /** Permissions named `resource:verb`, e.g. `person:read`. */
  scopes: readonly string[];
  /** Division codes and grid codes whose rows this principal may see. */
  jurisdiction: { divisions: readonly string[]; grids: readonly string[] };
  /**
   * For a declarant (landlord, employer): the premises the identity provider
   * vouches they answer for, unified house codes and employers' credit codes.
   * Absent for everyone else.
   */
  premises?: { houses: readonly string[]; employers: readonly string[] };
  /** For a resident signing in as themselves: their identity number, as the identity provider verified it. */
  identityNumber?: string;
}

/**
 * What travels with every request besides the query: who, why, and a
 * correlation id. A subgraph takes all of it from the internal token, never
 * from headers of the request it received.
 */
export interface RequestMeta {
  requestId: string;
  principal: Principal | null;
  /** Declared purpose of use (X-Purpose), recorded with every access. */
  purpose: string | null;
  /** Case number the access serves (X-Case-Id), where there is one. */
  caseId: string | null;
  /**
   * Set only by the gateway, on the checks a subgraph asks while it judges a
   * batch of an import (a check grant given to `import<Department>Rows`): such
   * a request may ask a whole batch's questions at once (MAX_IMPORT_QUESTIONS).
   */
  importBatch?: true;
}

export const HEADER_REQUEST_ID = 'x-request-id';
export const HEADER_PURPOSE = 'x-purpose';
export const HEADER_CASE_ID = 'x-case-id';
