/**
 * Every test file runs with this: `fetch` to anything but the loopback addresses fails at once, so no test
 * can reach the internet by accident (a default URL, a provider failing over).
 */
const original = globalThis.fetch;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

globalThis.fetch = ((input: string | URL | Request, init?: RequestInit) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (!LOOPBACK.has(url.hostname)) {
    return Promise.reject(
      new TypeError(`fetch failed`, { cause: Object.assign(new Error(`test tried to reach ${url.hostname}`), { code: 'ENOTFOUND' }) }),
    );
  }
  return original(input, init);
}) as typeof fetch;
