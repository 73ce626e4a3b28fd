import { el } from './dom.js';
import { format, onLanguageChange, t } from './i18n.js';
import type { Label } from './label.js';
import { currentSession, onSessionChange, signIn, signOut, type Session, type TokenProblem } from './session.js';

const TEXT = {
  token: { zh: '令牌', en: 'Token' },
  paste: { zh: '粘贴令牌（与接口使用的相同）', en: 'Paste a token (the one the API takes)' },
  signIn: { zh: '登录', en: 'Sign in' },
  signOut: { zh: '退出', en: 'Sign out' },
  signedIn: { zh: '已登录：', en: 'Signed in: ' },
  who: { zh: '{department}，角色 {roles}', en: '{department}, roles {roles}' },
  until: { zh: '，有效至 {time}', en: ', valid until {time}' },
} satisfies Record<string, Label>;

const PROBLEMS: Readonly<Record<TokenProblem, Label>> = {
  malformed: { zh: '这不是平台的令牌：请粘贴完整的令牌', en: 'This is not a token the hub issues: paste the whole token' },
  expired: { zh: '此令牌已过期：请获取新的令牌', en: 'This token has expired: get a new one' },
};

const timeOf = (date: Date) => date.toLocaleString(t({ zh: 'zh-CN', en: 'en-GB' }), { dateStyle: 'short', timeStyle: 'short' });

function signedIn(session: Session): HTMLElement {
  const { claims } = session;
  const who = format(TEXT.who, { department: claims.department, roles: claims.roles.join(', ') });
  const until = claims.expiresAt ? format(TEXT.until, { time: timeOf(claims.expiresAt) }) : '';
  const button = el('button', { type: 'button', 'data-action': 'sign-out' }, t(TEXT.signOut));
  button.addEventListener('click', () => signOut());
  return el('div', { class: 'hub-signed-in' }, el('span', { class: 'hub-who' }, t(TEXT.signedIn), el('strong', {}, claims.subject), ` (${who}${until})`), button);
}

function signInForm(shownProblem: TokenProblem | null, render: (problem: TokenProblem | null) => void): HTMLElement {
  const input = el('input', { type: 'password', name: 'token', id: 'hub-token', autocomplete: 'off', spellcheck: 'false', placeholder: t(TEXT.paste) });
  const problem = el('p', { class: 'hub-problems', role: 'alert', hidden: shownProblem === null }, shownProblem ? t(PROBLEMS[shownProblem]) : '');
  const form = el(
    'form',
    { class: 'hub-sign-in' },
    el('label', { for: 'hub-token' }, t(TEXT.token)),
    input,
    el('button', { type: 'submit', 'data-action': 'sign-in' }, t(TEXT.signIn)),
    problem,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const refused = signIn(input.value);
    // Signed in, the session listener renders; refused, the form says why.
    if (refused) render(refused);
  });
  return form;
}

/**
 * The sign-in block every page shows: a field to paste a token while signed
 * out; who is signed in (from the token's claims) and a sign-out button after.
 * It re-renders on sign-in, sign-out and a language switch.
 */
export function mountSignIn(container: HTMLElement): () => void {
  const render = (problem: TokenProblem | null = null) => {
    const session = currentSession();
    container.replaceChildren(session ? signedIn(session) : signInForm(problem, render));
  };
  render();
  const stops = [onSessionChange(() => render()), onLanguageChange(() => render())];
  return () => stops.forEach((stop) => stop());
}
