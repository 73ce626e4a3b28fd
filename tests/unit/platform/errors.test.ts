import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createErrorFormatter, fieldOfCoercionError } from '../../../platform/errors.js';
import { createLogger } from '../../../platform/logger.js';

const format = createErrorFormatter(createLogger('test', 'silent'));

describe('error formatting', () => {
  it('names the field of a variable GraphQL rejected before any resolver ran', () => {
    expect(fieldOfCoercionError('Variable "$input" got invalid value "X" at "input.status"; Value "X" does not exist in "FamilyPlanningStatus" enum.')).toBe('input.status');
    expect(fieldOfCoercionError('Variable "$id" got invalid value 5; ID cannot represent value: 5')).toBe('id');
    expect(fieldOfCoercionError('Variable "$input" of required type "RegisterPersonInput!" was not provided.')).toBe('input');
    expect(fieldOfCoercionError('Cannot query field "x" on type "Query".')).toBeUndefined();
  });

  it('drops "did you mean" hints that would name fields the caller may not see', () => {
    const error = new GraphQLError('Cannot query field "idNumbr" on type "Person". Did you mean "idNumber"?', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(format({ message: error.message, extensions: error.extensions }, error).message).toBe('Cannot query field "idNumbr" on type "Person".');
  });

  it('keeps the message of an error a caller can act on, without a stack trace', () => {
    const error = new GraphQLError('input.idNumber: must be 18 characters', { extensions: { code: 'BAD_USER_INPUT', field: 'input.idNumber' } });
    const formatted = format({ message: error.message, extensions: { ...error.extensions, stacktrace: ['at x (/srv/hub/file.ts:1:1)'] } }, error);
    expect(formatted).toEqual({ message: 'input.idNumber: must be 18 characters', extensions: { code: 'BAD_USER_INPUT', field: 'input.idNumber' } });
  });

  it('replaces an unexpected failure with a generic error that reveals nothing', () => {
    const cause = new Error('relation "persons" does not exist at db.internal.example:5432 (/srv/hub/store.ts)');
    const formatted = format({ message: cause.message, path: ['person'], extensions: { stacktrace: ['at store.ts:1'] } }, new GraphQLError(cause.message, { originalError: cause }));
    expect(formatted).toEqual({ message: 'Internal server error', path: ['person'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });
});
