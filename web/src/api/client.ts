// The typed API client: every call goes through `authFetch`, which adds the access token
// and, on a 401, renews the session once (shared by concurrent calls and coordinated across
// tabs, see `session`) and retries once.
import createClient from 'openapi-fetch'
import type { paths } from './schema'
import { accessToken, refreshOnce } from './session'

function withToken(request: Request): Request {
  const token = accessToken()
  if (token) request.headers.set('Authorization', `Bearer ${token}`)
  return request
}

function isAuthCall(url: string): boolean {
  return /\/api\/auth\/(login|refresh)\/$/.test(new URL(url, location.origin).pathname)
}

export async function authFetch(input: Request | string, init?: RequestInit): Promise<Response> {
  const request = typeof input === 'string' ? new Request(new URL(input, location.origin), init) : input
  const retry = request.clone()
  const sent = accessToken()
  const response = await fetch(withToken(request))
  if (response.status !== 401 || isAuthCall(request.url) || !sent) return response
  // Another tab may have renewed the session meanwhile: its token needs no refresh.
  const renewed = accessToken() !== sent && accessToken() !== null
  if (!renewed && !(await refreshOnce())) return response
  return fetch(withToken(retry))
}

export const api = createClient<paths>({
  baseUrl: typeof location === 'undefined' ? '' : location.origin,
  fetch: (request: Request) => authFetch(request),
})
