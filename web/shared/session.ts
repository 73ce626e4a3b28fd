/**
 * Signing in with the same bearer tokens the API takes: the person pastes
 * one. It is kept in sessionStorage only, so it goes when the tab closes and
 * is never written anywhere else. Its claims are read to say who is signed
 * in and which purposes to offer; they are not verified here: the gateway
 * verifies the token on every request.
 */

export interface Claims {
  subject: string;
  department: string;
  roles: string[];
  /** When the token expires, if it says. */
  expiresAt: Date | null;
}

export interface Session {
  token: string;
  claims: Claims;
}

/** Why a pasted token was not taken. */
export type TokenProblem = 'malformed' | 'expired';

const STORAGE_KEY = 'hub.token';
const JWT = /^[A-Za-z0-9_-]+\.([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]*$/;
const listeners = new Set<() => void>();

function decodeSegment(segment: string): unknown {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='));
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
}

const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

/** The claims a token carries, or why it cannot be used; a `Bearer ` prefix pasted with it is dropped. */
export function readToken(text: string, now = new Date()): { session: Session } | { problem: TokenProblem } {
  const token = text.trim().replace(/^Bearer\s+/i, '');
  const payload = JWT.exec(token)?.[1];
  if (payload === undefined) return { problem: 'malformed' };
  let claims: unknown;
  try {
    claims = decodeSegment(payload);
  } catch {
    return { problem: 'malformed' };
  }
  if (typeof claims !== 'object' || claims === null) return { problem: 'malformed' };
  const { sub, dept, roles, exp } = claims as Record<string, unknown>;
  if (typeof sub !== 'string' || typeof dept !== 'string' || !isStringArray(roles)) return { problem: 'malformed' };
  const expiresAt = typeof exp === 'number' ? new Date(exp * 1000) : null;
  if (expiresAt && expiresAt <= now) return { problem: 'expired' };
  return { session: { token, claims: { subject: sub, department: dept, roles, expiresAt } } };
}

function notify(): void {
  for (const listener of listeners) listener();
}

/** Who is signed in in this tab; a token that has expired meanwhile is dropped. */
export function currentSession(): Session | null {
  let stored: string | null;
  try {
    stored = sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
  if (stored === null) return null;
  const read = readToken(stored);
  if ('session' in read) return read.session;
  sessionStorage.removeItem(STORAGE_KEY);
  return null;
}

/** Signs in with a pasted token; returns why not when it cannot be used. */
export function signIn(text: string): TokenProblem | null {
  const read = readToken(text);
  if ('problem' in read) return read.problem;
  sessionStorage.setItem(STORAGE_KEY, read.session.token);
  notify();
  return null;
}

export function signOut(): void {
  sessionStorage.removeItem(STORAGE_KEY);
  notify();
}

/** Calls `listener` whenever someone signs in or out in this tab; returns how to stop. */
export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
