/** The data-owning departments; each has its own database and subgraph. */
export const DEPARTMENTS = ['police', 'housing', 'labour', 'health'] as const;
export type Department = (typeof DEPARTMENTS)[number];

export function isDepartment(value: string): value is Department {
  return (DEPARTMENTS as readonly string[]).includes(value);
}
