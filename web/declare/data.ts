import type { PurposeOption } from '../shared/purposes.js';

export type DeclarationKind = 'TENANCY' | 'EMPLOYMENT' | 'RESIDENCE';

/** What the declaration form is given when it is served: the declarations' own rules, as data. */
export interface DeclareData {
  /** The purposes a declarant declares under (those releasing declaration:write). */
  purposes: PurposeOption[];
  /** Which kinds each declarant role declares, in the rules' order. */
  kindsByRole: Record<string, DeclarationKind[]>;
  /** The fields each kind takes besides idNumber, name, phone and start. */
  fieldsByKind: Record<DeclarationKind, { required: string[]; optional: string[] }>;
  /** The social insurance statuses an employment takes. */
  socialInsurance: string[];
  /** The most characters each free-text field takes. */
  textLengths: Record<string, number>;
}
