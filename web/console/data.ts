import type { NamedOption } from '../shared/label.js';
import type { PurposeOption } from '../shared/purposes.js';

/** A rule of the anomaly detector as the console is given it (audit/anomalies/rules.ts). */
export interface RuleOption {
  id: string;
  title: string;
  titleZh: string;
  meaning: string;
}

/** What the auditors' console is given when it is served: the hub's own tables, to name what the log holds. */
export interface ConsoleData {
  purposes: PurposeOption[];
  departments: NamedOption[];
  rules: RuleOption[];
}
