import type { MessageKey } from './i18n/messages.ts';

/** An error answer of the API (application/problem+json), or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
  ) {
    super(`${status} ${code}: ${detail}`);
    this.name = 'ApiError';
  }
}

/** Called on any 401 so the app can show the sign-in page. */
let onUnauthenticated: () => void = () => {};
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

export async function api<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiError(0, 'NETWORK', err instanceof Error ? err.message : String(err));
  }
  if (response.status === 204) return null as T;
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text === '' ? null : JSON.parse(text);
  } catch {
    json = null;
  }
  if (!response.ok) {
    const problem = (json ?? {}) as { code?: unknown; detail?: unknown; title?: unknown };
    const err = new ApiError(
      response.status,
      typeof problem.code === 'string' ? problem.code : 'HTTP',
      typeof problem.detail === 'string' ? problem.detail : response.statusText,
    );
    if (response.status === 401 && !path.startsWith('/api/auth/login')) onUnauthenticated();
    throw err;
  }
  return json as T;
}

/** Builds a query string, leaving out empty values. */
export function query(params: Readonly<Record<string, string | number | undefined>>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s === '' ? '' : `?${s}`;
}

/** The plain-words message for an error, as a catalogue key and its parameters. */
export function errorMessage(err: unknown): { key: MessageKey; params?: Record<string, string> } {
  if (!(err instanceof ApiError)) return { key: 'errOther', params: { detail: String(err) } };
  switch (err.code) {
    case 'CONFLICT':
      return { key: 'errConflict' };
    case 'FORBIDDEN':
      return { key: 'errForbidden' };
    case 'NOT_FOUND':
      return { key: 'errNotFound' };
    case 'UNAUTHENTICATED':
      return { key: 'errUnauthenticated' };
    case 'INVALID_TRANSITION':
      return { key: 'errInvalidTransition' };
    case 'VALIDATION':
      return { key: 'errValidation', params: { detail: err.detail } };
    case 'RATE_LIMITED':
      return { key: 'errRateLimited' };
    case 'NETWORK':
      return { key: 'errNetwork' };
    default:
      return { key: 'errOther', params: { detail: err.detail } };
  }
}
