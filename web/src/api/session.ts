// The signed-in session, shared by every tab of the browser.
//
// The refresh token is never seen by the page: the server keeps it in the `crm_refresh`
// cookie (HttpOnly, SameSite=Strict, sent to /api/auth/ only), so a reload or a new tab
// resumes the session with `POST /api/auth/refresh/ {}`. The access token lives only in each
// tab's memory.
//
// The server accepts each refresh token once and ends the session when one is used twice, so
// tabs must never refresh at the same time with the same cookie: every refresh runs under the
// Web Lock `crm-refresh` (one tab at a time, each after the previous one's new cookie is
// stored), and the tab that refreshed hands its access token to the others on the
// `crm-session` BroadcastChannel, so a tab that waited for the lock usually needs no refresh
// of its own. Signing in, signing out and the end of the session reach every tab the same way.
// A refresh that stalls is given up after REFRESH_TIMEOUT_MS, so it cannot hold every tab.
//
// The server's answer to a cookie refresh carries `refresh: ""` (and the login's `refresh` is
// ignored): only `access` is read here.

import type { User } from './types'

const LOCK = 'crm-refresh'
const CHANNEL = 'crm-session'
/** How long a refresh may take: every tab waits for the lock it holds meanwhile. */
export const REFRESH_TIMEOUT_MS = 15_000

/** What one tab tells the others. */
export type SessionMessage =
  | { type: 'access'; access: string }
  | { type: 'signed-in'; access: string; user: User }
  | { type: 'signed-out' }
  | { type: 'ended' }

let access: string | null = null
let refreshing: Promise<Outcome> | null = null
let onExpired: (() => void) | null = null
let onMessage: ((message: SessionMessage) => void) | null = null
let channel: BroadcastChannel | null = null

export function setAccess(token: string | null): void {
  access = token
}

export function clearTokens(): void {
  access = null
}

export function accessToken(): string | null {
  return access
}

/** Called when the session cannot be renewed (the server refused the cookie's token). */
export function whenExpired(handler: () => void): void {
  onExpired = handler
}

/**
 * Listens to the other tabs (once, when the app starts). Their fresh access tokens are taken
 * here; every message then goes to `handler` (sign-in, sign-out, the end of the session).
 */
export function listenToOtherTabs(handler: (message: SessionMessage) => void): void {
  onMessage = handler
  const bus = openChannel()
  if (bus) bus.onmessage = (event: MessageEvent<SessionMessage>) => receive(event.data)
}

function receive(message: SessionMessage): void {
  // Only a signed-in tab takes another's token: a signed-out one waits for a sign-in.
  if (message.type === 'access' && access) access = message.access
  onMessage?.(message)
}

/** Tells the other tabs (never this one). */
export function tellOtherTabs(message: SessionMessage): void {
  openChannel()?.postMessage(message)
}

function openChannel(): BroadcastChannel | null {
  if (!channel && typeof BroadcastChannel !== 'undefined') channel = new BroadcastChannel(CHANNEL)
  return channel
}

/** For tests: forget the channel and the handlers. */
export function resetForTests(): void {
  channel?.close()
  channel = null
  onMessage = null
  onExpired = null
  access = null
  refreshing = null
}

/** How a renewal went: `ended` when the server refused the cookie's session. */
export type Outcome = 'renewed' | 'ended' | 'none' | 'offline'

/**
 * Renews the access token with the cookie. Concurrent callers of a tab share one request,
 * and tabs take turns (see above). A signed-in tab whose session ended calls the
 * `whenExpired` handler; a tab that was not signed in only gets the outcome.
 */
export function renew(): Promise<Outcome> {
  if (!refreshing) {
    const stale = access
    refreshing = exclusively(() => renewAfter(stale)).finally(() => {
      refreshing = null
    })
  }
  return refreshing
}

/** `renew`, for callers that only need to know whether there is a fresh token. */
export async function refreshOnce(): Promise<boolean> {
  return (await renew()) === 'renewed'
}

/** Runs `task` holding the cross-tab lock (without the Web Locks API, as it comes). */
function exclusively<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks
  return locks ? locks.request(LOCK, task) : task()
}

async function renewAfter(stale: string | null): Promise<Outcome> {
  // Another tab refreshed while this one waited for the lock: its token is already here.
  if (access && access !== stale) return 'renewed'
  let response: Response
  let renewed: string | null = null
  try {
    response = await fetch('/api/auth/refresh/', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
      credentials: 'same-origin',
      // A reload or a closed tab does not cancel it: the browser still stores the new cookie,
      // instead of keeping the one the server has just rotated out.
      keepalive: true,
      signal: AbortSignal.timeout(REFRESH_TIMEOUT_MS),
    })
    if (response.ok) renewed = ((await response.json()) as { access: string }).access
  } catch {
    return 'offline' // keep the token and let the caller show its error
  }
  if (renewed !== null) {
    access = renewed
    tellOtherTabs({ type: 'access', access })
    return 'renewed'
  }
  if (response.status !== 401 && response.status !== 400) return 'offline'
  // 401: the cookie's session is over (expired, revoked, signed out); 400: no cookie at all,
  // which ends a session only for a tab that had one.
  const signedIn = access !== null
  access = null
  if (response.status === 401) tellOtherTabs({ type: 'ended' })
  if (signedIn) onExpired?.()
  return response.status === 401 || signedIn ? 'ended' : 'none'
}
