import { GraphiQL, type GraphiQLProps } from 'graphiql';
import { Kind, parse, type ExecutionResult } from 'graphql';
import { StrictMode, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';
import '../shared/style.css';
import './explorer.css';
import { plainWords, postGraphQL, type GraphQLResponse } from '../shared/graphql.js';
import { currentLanguage, languageSwitch, onLanguageChange, t } from '../shared/i18n.js';
import type { Label } from '../shared/label.js';
import { startPage } from '../shared/page-data.js';
import { declarable } from '../shared/purposes.js';
import { currentSession, onSessionChange, readToken } from '../shared/session.js';
import { mountSignIn } from '../shared/sign-in.js';
import type { ExplorerData } from './data.js';

/**
 * The schema explorer: GraphiQL, bundled with the hub (nothing comes from a
 * CDN), sending the caller's token, declared purpose and case number with
 * every request. Queries, variables and history stay in this tab's
 * sessionStorage, like the token: a query may name a resident.
 */

const TEXT = {
  purpose: { zh: '用途', en: 'Purpose' },
  caseId: { zh: '案件编号', en: 'Case number' },
  caseNeeded: { zh: '此用途须填写案件编号', en: 'This purpose needs a case number' },
  caseOptional: { zh: '无案件可不填', en: 'Leave empty when there is no case' },
  signInFirst: { zh: '请先粘贴令牌登录，再选择用途，然后运行查询。', en: 'Paste a token to sign in, choose a purpose, then run a query.' },
  noPurpose: { zh: '您的角色没有可声明的用途。', en: 'Your roles may declare no purpose.' },
  none: { zh: '（请先登录）', en: '(sign in first)' },
  noneDeclarable: { zh: '（无）', en: '(none)' },
} satisfies Record<string, Label>;

const DEFAULT_QUERY = `# 登录，选择用途，然后运行 ▶
# Sign in, choose a purpose, then run ▶
query Residents {
  persons(first: 5) {
    edges {
      node {
        id
        name
        idNumber
        status
      }
    }
  }
}
`;

const PURPOSE_KEY = 'hub.purpose';

/** The operation name GraphiQL asks for the schema under. */
const INTROSPECTION = 'IntrospectionQuery';

/** GraphiQL shows an answer as the JSON it is; its type names errors as graphql-js objects, which JSON never holds. */
const asResult = (answer: GraphQLResponse): ExecutionResult => answer as ExecutionResult;

type FetcherParams = Parameters<GraphiQLProps['fetcher']>[0];

/**
 * The operation to run, as the document names it: GraphiQL keeps the name of
 * the operation last run, and a document of one operation edited to another
 * name (or none) would otherwise be sent with the old one and refused.
 */
function withOperationOfDocument(params: FetcherParams): FetcherParams {
  if (!params.operationName) return params;
  try {
    const operations = parse(params.query).definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    const [only] = operations;
    if (operations.length === 1 && only && only.name?.value !== params.operationName) return { ...params, operationName: only.name?.value ?? null };
  } catch {
    // Not GraphQL: the hub says so, in its words.
  }
  return params;
}

/** The token of this tab's session, as a stable value for React. */
const sessionToken = () => currentSession()?.token ?? null;

/** A plain-DOM piece of the shared page kit, mounted once into a React-owned element. */
function Mounted({ mount, className }: { mount: (element: HTMLElement) => () => void; className?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return undefined;
    return mount(ref.current);
  }, [mount]);
  return <div ref={ref} className={className} />;
}

const mountLanguageSwitch = (element: HTMLElement) => {
  element.replaceChildren(languageSwitch());
  return () => element.replaceChildren();
};

function Explorer({ title, data }: { title: Label; data: ExplorerData }) {
  useSyncExternalStore(onLanguageChange, currentLanguage);
  const token = useSyncExternalStore(onSessionChange, sessionToken);
  const claims = useMemo(() => {
    if (token === null) return null;
    const read = readToken(token);
    return 'session' in read ? read.session.claims : null;
  }, [token]);
  const purposes = useMemo(() => (claims ? declarable(data.purposes, claims.roles) : []), [claims, data.purposes]);
  const [chosen, setChosen] = useState<string | null>(() => sessionStorage.getItem(PURPOSE_KEY));
  // Until one is chosen, the first purpose that needs no case number: most work has none.
  const purpose = purposes.find((p) => p.name === chosen) ?? purposes.find((p) => !p.needsCase) ?? purposes[0] ?? null;
  const [caseId, setCaseId] = useState('');
  const [problems, setProblems] = useState<string[]>([]);

  // The fetcher changes only with the token, so GraphiQL asks for the schema again on sign-in; purpose and case are read when a request goes.
  const declared = useRef({ purpose: purpose?.name ?? null, caseId });
  declared.current = { purpose: purpose?.name ?? null, caseId };
  const fetcher = useCallback<GraphiQLProps['fetcher']>(
    async (params, options) => {
      if (token === null) return asResult({ errors: [{ message: t(TEXT.signInFirst) }] });
      // Asking what the schema is reads no resident's data: it goes without a purpose, so any purpose chosen later can be run.
      if (params.operationName === INTROSPECTION) return asResult(await postGraphQL(params, { token }, options?.headers));
      const answer = await postGraphQL(withOperationOfDocument(params), { token, ...declared.current }, options?.headers);
      setProblems(plainWords(answer.errors ?? []));
      return asResult(answer);
    },
    [token],
  );
  useEffect(() => setProblems([]), [token]);

  const choose = (name: string) => {
    setChosen(name);
    sessionStorage.setItem(PURPOSE_KEY, name);
  };

  const hint = !claims ? t(TEXT.signInFirst) : !purpose ? t(TEXT.noPurpose) : purpose.meaning;
  return (
    <div className="explorer">
      <header className="hub-bar">
        <h1>{t(title)}</h1>
        <Mounted mount={mountSignIn} />
        <span className="hub-spacer" />
        <Mounted mount={mountLanguageSwitch} />
      </header>
      <div className="hub-bar explorer-declare">
        <div className="hub-field">
          <label htmlFor="explorer-purpose">{t(TEXT.purpose)}</label>
          <select id="explorer-purpose" name="purpose" disabled={purposes.length === 0} value={purpose?.name ?? ''} onChange={(event) => choose(event.target.value)}>
            {purposes.length === 0 && <option value="">{t(claims ? TEXT.noneDeclarable : TEXT.none)}</option>}
            {purposes.map((p) => (
              <option key={p.name} value={p.name}>
                {`${t(p.label)} (${p.name})`}
              </option>
            ))}
          </select>
        </div>
        <div className="hub-field">
          <label htmlFor="explorer-case">{t(TEXT.caseId)}</label>
          <input
            id="explorer-case"
            name="caseId"
            autoComplete="off"
            required={purpose?.needsCase ?? false}
            placeholder={purpose?.needsCase ? t(TEXT.caseNeeded) : t(TEXT.caseOptional)}
            value={caseId}
            onChange={(event) => setCaseId(event.target.value)}
          />
        </div>
        <p className="explorer-hint">{hint}</p>
      </div>
      <div className="hub-problems" role="alert" hidden={problems.length === 0}>
        {problems.map((text, i) => (
          <p key={i}>{text}</p>
        ))}
      </div>
      <main className="explorer-graphiql">
        <GraphiQL fetcher={fetcher} storage={sessionStorage} defaultQuery={DEFAULT_QUERY} introspectionQueryName={INTROSPECTION} forcedTheme="light" />
      </main>
    </div>
  );
}

const app = document.getElementById('app');
if (!app) throw new Error('the explorer page has no #app element');
const { title, data } = startPage<ExplorerData>();
createRoot(app).render(
  <StrictMode>
    <Explorer title={title} data={data} />
  </StrictMode>,
);
