/**
 * A label in the two languages the pages speak: Chinese, the users' own and
 * the default, and English. Plain data, read by the server too (a page's
 * title, the purposes' names), so it holds no browser code.
 */
export interface Label {
  zh: string;
  en: string;
}

/** A name the hub uses (a department, a purpose) with what a page calls it in both languages. */
export interface NamedOption {
  name: string;
  label: Label;
}
