import type { Label } from './label.js';

/**
 * The pages speak Chinese, the users' language, unless the person chose
 * English: the choice is remembered in localStorage, the only thing a page
 * keeps beyond the tab (it says nothing about anyone).
 */
export type Language = 'zh' | 'en';

const STORAGE_KEY = 'hub.language';
const listeners = new Set<() => void>();

export function currentLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    // Storage refused (a locked-down profile): the default language.
    return 'zh';
  }
}

/** The document's language tag for a language. */
export const languageTag = (language: Language): string => (language === 'zh' ? 'zh-CN' : 'en');

export function setLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembered, still switched for this page.
  }
  document.documentElement.lang = languageTag(language);
  for (const listener of listeners) listener();
}

/** Calls `listener` whenever the language changes; returns how to stop. */
export function onLanguageChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A label in the current language. */
export function t(label: Label): string {
  return label[currentLanguage()];
}

/** A label with `{name}` placeholders filled in, in the current language. */
export function format(label: Label, values: Readonly<Record<string, string | number>>): string {
  return t(label).replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
}

/** Sets the document's language and the title from the page's labels, now and on every switch. */
export function localiseDocument(title: Label, site: Label): void {
  const apply = () => {
    document.documentElement.lang = languageTag(currentLanguage());
    document.title = `${t(title)} · ${t(site)}`;
  };
  apply();
  onLanguageChange(apply);
}

/** A button that switches between Chinese and English, named in the language it switches to. */
export function languageSwitch(): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'hub-language';
  const render = () => {
    const other: Language = currentLanguage() === 'zh' ? 'en' : 'zh';
    button.textContent = other === 'en' ? 'English' : '中文';
    button.lang = languageTag(other);
    button.dataset.switchTo = other;
  };
  button.addEventListener('click', () => setLanguage(currentLanguage() === 'zh' ? 'en' : 'zh'));
  render();
  onLanguageChange(render);
  return button;
}
