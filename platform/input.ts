import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  BREAK,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLError,
  type GraphQLInputType,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';
import { z } from 'zod';
import { chinaDateOf, checkCreditCode, checkDivisionCode, checkIdNumber, checkMobilePhone } from '../domain/index.js';
import { badUserInput, FieldProblems, recordRefused } from './errors.js';

/**
 * Validates a mutation's arguments with zod; the first problem becomes a
 * BAD_USER_INPUT error naming the field path, e.g. `input.idNumber`.
 */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, root = 'input'): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = new FieldProblems();
  for (const issue of result.error.issues) problems.add(fieldPath(root, issue.path), 'BAD_USER_INPUT', issue.message);
  throw recordRefused(problems.list.length > 0 ? problems.list : [{ field: root, code: 'BAD_USER_INPUT', message: 'is invalid' }]);
}

/**
 * Parses a write's input as `parseInput` does, but keeps going: every
 * format problem goes into `problems`, and what comes back holds each field
 * that is valid on its own, so the rules that need only those fields (is the
 * tenant on the register?) still run and the caller hears of everything at
 * once. Object-level refinements run only when every field is valid.
 */
export function parseFields<S extends z.ZodObject>(schema: S, value: unknown, problems: FieldProblems, root = 'input'): Partial<z.infer<S>> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) problems.add(fieldPath(root, issue.path), 'BAD_USER_INPUT', issue.message);
  const valid: Record<string, unknown> = {};
  if (typeof value !== 'object' || value === null) return valid as Partial<z.infer<S>>;
  const raw = value as Record<string, unknown>;
  const shape: Readonly<Record<string, z.ZodType>> = schema.shape;
  for (const [key, field] of Object.entries(shape)) {
    const parsed = field.safeParse(Object.hasOwn(raw, key) ? raw[key] : undefined);
    if (parsed.success && !problems.has(fieldPath(root, [key]))) valid[key] = parsed.data;
  }
  return valid as Partial<z.infer<S>>;
}

/**
 * Validates a field's arguments together, as a form's fields are: every
 * problem at once, each a BAD_USER_INPUT naming its argument (`idNumber`,
 * `name`), so a caller fixes them all in one go.
 */
export function parseArguments<T>(schema: z.ZodType<T>, args: unknown): T {
  const result = schema.safeParse(args);
  if (result.success) return result.data;
  const problems = new FieldProblems();
  for (const issue of result.error.issues) {
    const [argument, ...rest] = issue.path;
    problems.add(argument === undefined ? 'arguments' : fieldPath(String(argument), rest), 'BAD_USER_INPUT', issue.message);
  }
  throw recordRefused(problems.list.length > 0 ? problems.list : [{ field: 'arguments', code: 'BAD_USER_INPUT', message: 'are invalid' }]);
}

/** The fields of a write's input once every problem has been ruled out: `parseFields` found none, so all are there. */
export function complete<T>(input: Partial<T>, problems: FieldProblems): T {
  problems.throwIfAny();
  return input as T;
}

/** A field path as GraphQL prints a variable's: `input.agreements[0].fields[1]`. */
export function fieldPath(root: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((printed, step) => (typeof step === 'number' ? `${printed}[${step}]` : `${printed}.${String(step)}`), root);
}

/**
 * Characters no text the hub keeps may hold: control characters (C0, DEL,
 * C1 — NUL, ESC and the ANSI sequences it starts, CSI), invisible format
 * characters (bidi embeddings, overrides, isolates and marks, zero-width
 * spaces and joiners, the BOM, tags), line and paragraph separators, unpaired
 * surrogates and noncharacters. They make a name display as something other
 * than what is stored (a reviewer reads `abc` where the register holds
 * `cba`), two names look alike that are not, a terminal that shows a log line
 * obey it, or the database refuse the row (NUL). Private-use characters stay
 * allowed: older systems encode rare characters of people's names there.
 */
const HOSTILE_TEXT = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Noncharacter_Code_Point}]/u;
/** Multi-line text also takes tab, line feed and carriage return. */
const HOSTILE_MULTILINE_TEXT = /(?![\t\n\r])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Noncharacter_Code_Point}]/u;

/** The first character `value` may not hold, as `U+XXXX` with its 1-based position; null when there is none. */
export function hostileCharacter(value: string, multiline = false): { codePoint: string; position: number } | null {
  const pattern = multiline ? HOSTILE_MULTILINE_TEXT : HOSTILE_TEXT;
  if (!pattern.test(value)) return null;
  let position = 0;
  for (const char of value) {
    position += 1;
    if (pattern.test(char)) return { codePoint: `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`, position };
  }
  return null;
}

const refuseHostile =
  (multiline: boolean) =>
  (value: string, ctx: z.RefinementCtx): void => {
    const found = hostileCharacter(value, multiline);
    if (found) {
      const allowed = multiline ? ' (tab and line breaks are allowed)' : ' or line breaks';
      ctx.addIssue({
        code: 'custom',
        message: `must not contain control characters${allowed}, invisible formatting characters such as bidi overrides, or unpaired surrogates; found ${found.codePoint} at character ${found.position}`,
      });
    }
  };

/**
 * A string checked for hostile characters before anything else reads it,
 * trimming included (a trailing line break is refused, not trimmed away).
 * Every text field of every input starts from this or from `zText`.
 */
export const zString = z.string().superRefine(refuseHostile(false));
/** The same for the few fields that are multi-line by nature (a pasted JSON key). */
export const zMultilineString = z.string().superRefine(refuseHostile(true));

const fromCheck =
  (check: (value: string) => { ok: true } | { ok: false; reason: string }) =>
  (value: string, ctx: z.RefinementCtx) => {
    const result = check(value);
    if (!result.ok) ctx.addIssue({ code: 'custom', message: result.reason });
  };

export const zIdNumber = zString.trim().superRefine(fromCheck(checkIdNumber));
export const zCreditCode = zString.trim().superRefine(fromCheck(checkCreditCode));
export const zDivisionCode = zString.trim().superRefine(fromCheck(checkDivisionCode));
export const zMobilePhone = zString.trim().superRefine(fromCheck(checkMobilePhone));
/** Free text on one line (a name, an address): no hostile characters, trimmed, not empty, at most `max` characters. */
export const zText = (max: number) => zString.trim().min(1, 'is required').max(max, `must be at most ${max} characters`);
export const zId = z.uuid('must be an id issued by the hub');
export const zGridCode = z.string().regex(/^\d{12}$/, 'must be a 12-digit grid code (division code + street + grid)');

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export const zDate = z.string().refine(isIsoDate, 'must be a real date written YYYY-MM-DD');

/** `end` must not come before `start`; the issue lands on `endField`. */
export function dateOrder<T extends Record<string, unknown>>(startField: keyof T & string, endField: keyof T & string) {
  return (value: T, ctx: z.RefinementCtx) => {
    const start = value[startField];
    const end = value[endField];
    if (typeof start === 'string' && typeof end === 'string' && end < start) {
      ctx.addIssue({ code: 'custom', path: [endField], message: `must not be before ${startField} (${start})` });
    }
  };
}

/** Today's date in China (UTC+8), which is what "not in the future" means for a register. */
export function today(): string {
  return chinaDateOf(new Date());
}

/** Scalars that carry free text into resolvers; custom scalars check their own values. */
const TEXT_SCALARS = new Set(['String', 'ID']);

/**
 * The first String or ID inside an argument, written in the document or
 * sent as a variable, that holds a character no field takes (tab and line
 * breaks aside: a multi-line field may take those, and the rules of a
 * one-line field refuse them). Returns the refusal naming the value's path,
 * or null. Look-ups by a code or a filter never reach SQL with a NUL (which
 * the database refuses as an internal error) or a bidi override in them.
 */
export function hostileTextInArguments(schema: GraphQLSchema, document: DocumentNode, variables: Readonly<Record<string, unknown>>): GraphQLError | null {
  let problem: GraphQLError | null = null;
  const refuse = (text: string, path: string): boolean => {
    const found = hostileCharacter(text, true);
    if (!found) return false;
    problem = badUserInput(
      path,
      `must not contain control characters, invisible formatting characters such as bidi overrides, or unpaired surrogates; found ${found.codePoint} at character ${found.position}`,
    );
    problem.extensions.http = { status: 400 };
    return true;
  };
  const inValue = (value: unknown, type: GraphQLInputType, path: string): boolean => {
    const inner = isNonNullType(type) ? type.ofType : type;
    if (value === null || value === undefined) return false;
    if (isListType(inner)) {
      const items = Array.isArray(value) ? value : [value];
      return items.some((item, index) => inValue(item, inner.ofType, Array.isArray(value) ? `${path}[${index}]` : path));
    }
    const named = getNamedType(inner);
    if (isInputObjectType(named)) {
      if (typeof value !== 'object' || Array.isArray(value)) return false;
      const fields = named.getFields();
      return Object.entries(value).some(([key, item]) => {
        const field = Object.hasOwn(fields, key) ? fields[key] : undefined;
        return field !== undefined && inValue(item, field.type, `${path}.${key}`);
      });
    }
    return TEXT_SCALARS.has(named.name) && typeof value === 'string' && refuse(value, path);
  };
  const inNode = (node: ValueNode, type: GraphQLInputType, path: string): boolean => {
    if (node.kind === Kind.VARIABLE) return Object.hasOwn(variables, node.name.value) && inValue(variables[node.name.value], type, path);
    const inner = isNonNullType(type) ? type.ofType : type;
    if (isListType(inner)) {
      const itemType = inner.ofType;
      return node.kind === Kind.LIST ? node.values.some((item, index) => inNode(item, itemType, `${path}[${index}]`)) : inNode(node, itemType, path);
    }
    const named = getNamedType(inner);
    if (isInputObjectType(named)) {
      if (node.kind !== Kind.OBJECT) return false;
      const fields = named.getFields();
      return node.fields.some((field) => {
        const declared = Object.hasOwn(fields, field.name.value) ? fields[field.name.value] : undefined;
        return declared !== undefined && inNode(field.value, declared.type, `${path}.${field.name.value}`);
      });
    }
    return TEXT_SCALARS.has(named.name) && node.kind === Kind.STRING && refuse(node.value, path);
  };
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        const argument = typeInfo.getArgument();
        if (argument && inNode(node.value, argument.type, node.name.value)) return BREAK;
        return false;
      },
    }),
  );
  return problem;
}

/** Refuses hostile text in any argument before anything runs: before the policy, the resolvers and SQL. */
export function hostileTextPlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request }) {
          const problem = hostileTextInArguments(schema, document, request.variables ?? {});
          if (problem) throw problem;
        },
      };
    },
  };
}
