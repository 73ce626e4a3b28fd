import { checkIdNumber } from '../../domain/index.js';
import { hostileCharacter } from '../../platform/input.js';
import type { ReferenceRule } from '../../platform/record-rules.js';
import type { Asker, ImportRow, RowProblem } from './engine.js';

/**
 * Old systems name a resident by identity number and name, never by the
 * hub's id. Before a row can be the input of a write that names a person by
 * id, the police are asked, through the hub and as the importing caller,
 * whether the number and name are one person living in the city (the
 * register's `identityChecks`, as labour's registration by identity asks);
 * they answer yes with the id, or no and never why.
 */

/** Where a kind's rows hold a person's identity, and the reference line a person unknown to the register refuses by. */
export interface IdentityColumns {
  idNumber: string;
  name: string;
  /** The line of the kind's single write that says the person must be on the register. */
  exists: ReferenceRule;
  /** Whether a row may leave the identity out (an owner who is a company); then no id is asked for. */
  optional?: boolean;
}

export const MAX_NAME_LENGTH = 50;

/**
 * The person each row names, by hub id, or why the row names nobody: a
 * malformed number or name, or an identity the register does not confirm.
 * `null` when an optional identity is not given. Every question of the
 * batch goes to the register together.
 */
export async function resolvePersons(rows: readonly ImportRow[], columns: IdentityColumns, ask: Asker): Promise<(string | null | RowProblem[])[]> {
  const results: (string | null | RowProblem[])[] = rows.map(() => null);
  const asked: { index: number; idNumber: string; name: string }[] = [];
  rows.forEach((row, index) => {
    const idNumber = row.values.get(columns.idNumber);
    const name = row.values.get(columns.name);
    if ((idNumber === null || idNumber === undefined) && columns.optional) return;
    const problems: RowProblem[] = [];
    if (typeof idNumber !== 'string') problems.push({ field: columns.idNumber, code: 'BAD_USER_INPUT', message: 'is required', rule: null });
    else {
      const checked = checkIdNumber(idNumber);
      if (!checked.ok) problems.push({ field: columns.idNumber, code: 'BAD_USER_INPUT', message: checked.reason, rule: null });
    }
    if (typeof name !== 'string') problems.push({ field: columns.name, code: 'BAD_USER_INPUT', message: 'is required', rule: null });
    else if (name.length > MAX_NAME_LENGTH) problems.push({ field: columns.name, code: 'BAD_USER_INPUT', message: `must be at most ${MAX_NAME_LENGTH} characters`, rule: null });
    else if (hostileCharacter(name)) problems.push({ field: columns.name, code: 'BAD_USER_INPUT', message: 'must not contain control or invisible formatting characters', rule: null });
    if (problems.length > 0 || typeof idNumber !== 'string' || typeof name !== 'string') {
      results[index] = problems;
      return;
    }
    asked.push({ index, idNumber, name });
  });
  if (asked.length === 0) return results;
  const { identities } = await ask({ identities: asked.map(({ idNumber, name }) => ({ idNumber, name })) });
  asked.forEach(({ index }, i) => {
    const answer = identities[i];
    results[index] =
      answer?.confirmed && answer.personId
        ? answer.personId.toLowerCase()
        : [
            {
              field: columns.idNumber,
              code: 'NOT_FOUND',
              message: `the population register does not confirm this identity number and name as one person living in the city: ${columns.exists.says}`,
              rule: columns.exists.id,
            },
          ];
  });
  return results;
}
