// The tokens of the signed-in session.
//
// The access token lives only in this module's memory. The refresh token does too while the
// page is open; it is written to sessionStorage only as the page unloads (so that a reload
// resumes the session) and removed again as soon as the next page reads it. So it is never
// at rest while the app runs, never shared with other tabs (whose refreshes would otherwise
// race and trip the server's reuse detection), and gone when the tab closes.

const RESUME_KEY = 'crm.resume'

let access: string | null = null
let refresh: string | null = null
let refreshing: Promise<boolean> | null = null
let onExpired: (() => void) | null = null

export interface TokenPair {
  access: string
  refresh: string
}

export function setTokens(tokens: TokenPair): void {
  access = tokens.access
  refresh = tokens.refresh
}

export function clearTokens(): void {
  access = null
  refresh = null
  sessionStorage.removeItem(RESUME_KEY)
}

export function accessToken(): string | null {
  return access
}

export function refreshToken(): string | null {
  return refresh
}

/** Called once when the session cannot be renewed (the refresh token was refused). */
export function whenExpired(handler: () => void): void {
  onExpired = handler
}

/**
 * Exchanges the refresh token for a new pair. Concurrent callers share one request: the
 * server accepts each refresh token once, so a second request would end the session.
 */
export function refreshOnce(): Promise<boolean> {
  if (!refreshing) {
    refreshing = doRefresh().finally(() => {
      refreshing = null
    })
  }
  return refreshing
}

async function doRefresh(): Promise<boolean> {
  const token = refresh
  if (!token) return false
  let response: Response
  try {
    response = await fetch('/api/auth/refresh/', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refresh: token }),
    })
  } catch {
    return false // offline: keep the tokens and let the caller show the error
  }
  if (response.ok) {
    setTokens((await response.json()) as TokenPair)
    return true
  }
  if (response.status === 401 || response.status === 400) {
    clearTokens()
    onExpired?.()
  }
  return false
}

/** Keeps the refresh token for the next page of this tab (a reload). */
export function saveForReload(): void {
  if (refresh) sessionStorage.setItem(RESUME_KEY, refresh)
}

/** Takes the refresh token a previous page of this tab left, if any. */
export function takeFromReload(): boolean {
  const token = sessionStorage.getItem(RESUME_KEY)
  sessionStorage.removeItem(RESUME_KEY)
  if (token) refresh = token
  return Boolean(token)
}

/** Registers the unload hooks once, when the app starts. */
export function keepAcrossReloads(target: Window = window): void {
  target.addEventListener('pagehide', saveForReload)
  // Back from the back/forward cache: the page is alive again, so the token is in memory.
  target.addEventListener('pageshow', (event) => {
    if (event.persisted) sessionStorage.removeItem(RESUME_KEY)
  })
}
