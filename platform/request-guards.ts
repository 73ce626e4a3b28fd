import secureJson from 'secure-json-parse';

/**
 * Checks on the shape of an HTTP request that come before GraphQL sees it.
 * A refusal is the whole answer: its status, and a message naming what was wrong.
 */
export interface Refusal {
  status: number;
  message: string;
}

/** Keys that would reach an object's prototype if some code merged the body into another object. */
const PROTOTYPE_KEYS = { protoAction: 'error', constructorAction: 'error' } as const;

const prototypeKeyRefusal = (where: string): Refusal => ({
  status: 400,
  message: `${where} holds a "__proto__" key, or a "constructor" key holding "prototype"; no GraphQL name can be either, so such a request is refused`,
});

function holdsPrototypeKeys(value: unknown): boolean {
  try {
    secureJson.scan(value as Record<string, unknown>, PROTOTYPE_KEYS);
    return false;
  } catch {
    return true;
  }
}

/**
 * Reads a POSTed JSON body: one GraphQL request, as a JSON object. A batch
 * (a JSON array) is refused with a message saying so, rather than Apollo's
 * terse one, and so is a body carrying prototype keys.
 */
export function readJsonBody(text: string): { body: unknown } | { refusal: Refusal } {
  if (text === '') return { body: undefined };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { refusal: { status: 400, message: 'Request body is not valid JSON' } };
  }
  if (Array.isArray(body)) {
    return {
      refusal: {
        status: 400,
        message: 'Request body is a JSON array, a batch of operations; this endpoint takes one operation per request, as a JSON object: send each on its own',
      },
    };
  }
  if (holdsPrototypeKeys(body)) return { refusal: prototypeKeyRefusal('Request body') };
  return { body };
}

/** The JSON-valued parameters of a GET request get the same prototype check as a body; anything else about them is Apollo's to judge. */
export function checkQueryParameters(parameters: URLSearchParams): Refusal | undefined {
  for (const name of ['variables', 'extensions']) {
    const text = parameters.get(name);
    if (!text) continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      continue;
    }
    if (holdsPrototypeKeys(value)) return prototypeKeyRefusal(`The ${name} parameter`);
  }
  return undefined;
}
