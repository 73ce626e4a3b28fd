import type { NamedOption } from '../shared/label.js';
import type { PurposeOption } from '../shared/purposes.js';

/** What a resident's access report is given when it is served: the names of departments and purposes. */
export interface MyAccessData {
  purposes: PurposeOption[];
  departments: NamedOption[];
}
