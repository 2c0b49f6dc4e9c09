import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { api, authFetch } from '@/api/client'
import * as session from '@/api/session'
import { fakeServer, json, path } from './helpers'

/** Another tab of the app: the same channel, seen from outside this module. */
let otherTab: BroadcastChannel
let heard: session.SessionMessage[]

beforeEach(() => {
  session.resetForTests()
  otherTab = new BroadcastChannel('crm-session')
  heard = []
  otherTab.onmessage = (event: MessageEvent<session.SessionMessage>) => heard.push(event.data)
})
afterEach(() => {
  otherTab.close()
  session.resetForTests()
  vi.unstubAllGlobals()
  Reflect.deleteProperty(navigator, 'locks')
})

/** Waits until the broadcast channel has delivered what was posted. */
async function delivered(until: () => boolean) {
  for (let i = 0; i < 100 && !until(); i++) await new Promise((r) => setTimeout(r, 5))
  expect(until()).toBe(true)
}

/** The Web Locks API (Node has none): one holder of a name at a time, in request order. */
function installLocks() {
  let tail: Promise<unknown> = Promise.resolve()
  const locks = {
    request<T>(_name: string, task: () => Promise<T>): Promise<T> {
      const run = tail.then(task)
      tail = run.catch(() => undefined)
      return run
    },
  }
  Object.defineProperty(navigator, 'locks', { value: locks, configurable: true })
  return locks
}

describe('the session', () => {
  it('renews with the cookie alone: an empty JSON body, no token kept by the page', async () => {
    session.setAccess('old')
    const { seen, fetchMock } = fakeServer((req) => {
      if (path(req) === '/api/auth/refresh/') return json({ access: 'a2', refresh: '' })
    })
    expect(await session.refreshOnce()).toBe(true)
    const [request] = seen
    expect(request?.headers.get('Content-Type')).toBe('application/json')
    expect(await request?.text()).toBe('{}')
    expect(fetchMock.mock.calls[0]?.[1]).toMatchObject({ credentials: 'same-origin', keepalive: true })
    expect(session.accessToken()).toBe('a2')
    expect(localStorage.length + sessionStorage.length).toBe(0)
    await delivered(() => heard.length === 1)
    expect(heard).toEqual([{ type: 'access', access: 'a2' }])
  })

  it('shares one refresh between concurrent callers of a tab', async () => {
    session.setAccess('old')
    const { seen } = fakeServer(async (req) => {
      if (path(req) === '/api/auth/refresh/') {
        await new Promise((r) => setTimeout(r, 10))
        return json({ access: 'a2', refresh: '' })
      }
    })
    const results = await Promise.all([session.refreshOnce(), session.refreshOnce(), session.refreshOnce()])
    expect(results).toEqual([true, true, true])
    expect(seen.filter((r) => path(r) === '/api/auth/refresh/')).toHaveLength(1)
    expect(session.accessToken()).toBe('a2')
  })

  it('takes turns with other tabs, and uses the token a tab got while this one waited', async () => {
    const locks = installLocks()
    session.setAccess('old')
    session.listenToOtherTabs(() => undefined)
    const { seen } = fakeServer(() => json({ access: 'mine', refresh: '' }))
    // The other tab holds the lock, refreshes and hands its token over before letting go.
    let release!: () => void
    const otherHolds = locks.request('crm-refresh', () => new Promise<void>((r) => (release = r)))
    const mine = session.refreshOnce()
    await new Promise((r) => setTimeout(r, 10))
    expect(seen).toHaveLength(0)
    otherTab.postMessage({ type: 'access', access: 'theirs' })
    await delivered(() => session.accessToken() === 'theirs')
    release()
    await otherHolds
    expect(await mine).toBe(true)
    expect(seen).toHaveLength(0)
    expect(session.accessToken()).toBe('theirs')
  })

  it('refreshes after the lock when no other tab did', async () => {
    installLocks()
    session.setAccess('old')
    const { seen } = fakeServer(() => json({ access: 'mine', refresh: '' }))
    expect(await session.refreshOnce()).toBe(true)
    expect(seen.map(path)).toEqual(['/api/auth/refresh/'])
    expect(session.accessToken()).toBe('mine')
  })

  it('ends a signed-in tab whose cookie is refused, and tells the other tabs', async () => {
    session.setAccess('old')
    const expired = vi.fn()
    session.whenExpired(expired)
    fakeServer(() => json({ detail: 'Token is invalid or expired' }, 401))
    expect(await session.renew()).toBe('ended')
    expect(session.accessToken()).toBeNull()
    expect(expired).toHaveBeenCalledOnce()
    await delivered(() => heard.length === 1)
    expect(heard).toEqual([{ type: 'ended' }])
  })

  it('tells a page that was not signed in whether a session ended or there was none', async () => {
    const expired = vi.fn()
    session.whenExpired(expired)
    fakeServer(() => json({ refresh: ['This field is required.'] }, 400))
    expect(await session.renew()).toBe('none')
    fakeServer(() => json({ detail: 'Token is invalid or expired' }, 401))
    expect(await session.renew()).toBe('ended')
    expect(expired).not.toHaveBeenCalled()
  })

  it('keeps the token when the network fails', async () => {
    session.setAccess('kept')
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('offline')))
    expect(await session.renew()).toBe('offline')
    expect(session.accessToken()).toBe('kept')
  })

  it('gives up a stalled refresh after the timeout, letting the other tabs have the lock', async () => {
    installLocks()
    session.setAccess('kept')
    const timer = new AbortController()
    const timeout = vi.spyOn(AbortSignal, 'timeout').mockReturnValue(timer.signal)
    // A server that never answers: only the request's signal ends the wait.
    vi.stubGlobal('fetch', (_url: string, init: RequestInit) => {
      return new Promise((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(new DOMException('timed out', 'TimeoutError')))
      })
    })
    const stalled = session.renew()
    await new Promise((r) => setTimeout(r, 10))
    expect(timeout).toHaveBeenCalledWith(session.REFRESH_TIMEOUT_MS)
    expect(session.REFRESH_TIMEOUT_MS).toBeLessThanOrEqual(30_000)
    timer.abort()
    expect(await stalled).toBe('offline')
    expect(session.accessToken()).toBe('kept')
    timeout.mockRestore()
    // The lock is free again: the next refresh goes out and succeeds.
    const { seen } = fakeServer(() => json({ access: 'next', refresh: '' }))
    expect(await session.renew()).toBe('renewed')
    expect(seen).toHaveLength(1)
  })

  it("takes another tab's token only when signed in", async () => {
    session.listenToOtherTabs(() => undefined)
    otherTab.postMessage({ type: 'access', access: 'theirs' })
    await new Promise((r) => setTimeout(r, 20))
    expect(session.accessToken()).toBeNull()
  })
})

describe('the API client', () => {
  it('sends the access token, and on a 401 refreshes once and retries once', async () => {
    session.setAccess('expired')
    const { seen } = fakeServer((req) => {
      if (path(req) === '/api/auth/refresh/') return json({ access: 'fresh', refresh: '' })
      if (req.headers.get('Authorization') === 'Bearer fresh') return json({ total_leads: 3 })
      return json({ detail: 'Token expired' }, 401)
    })
    const { data } = await api.GET('/api/dashboard-stats/')
    expect(data?.total_leads).toBe(3)
    expect(seen.map(path)).toEqual(['/api/dashboard-stats/', '/api/auth/refresh/', '/api/dashboard-stats/'])
  })

  it('retries with the token another tab got meanwhile, without a refresh of its own', async () => {
    session.setAccess('expired')
    session.listenToOtherTabs(() => undefined)
    const { seen } = fakeServer(async (req) => {
      if (req.headers.get('Authorization') === 'Bearer theirs') return json({ total_leads: 3 })
      otherTab.postMessage({ type: 'access', access: 'theirs' })
      await delivered(() => session.accessToken() === 'theirs')
      return json({ detail: 'Token expired' }, 401)
    })
    const { data } = await api.GET('/api/dashboard-stats/')
    expect(data?.total_leads).toBe(3)
    expect(seen.map(path)).toEqual(['/api/dashboard-stats/', '/api/dashboard-stats/'])
  })

  it('does not try to refresh for a page that is not signed in', async () => {
    const { seen } = fakeServer(() => json({ detail: 'Authentication credentials were not provided.' }, 401))
    const response = await authFetch('/api/leads/')
    expect(response.status).toBe(401)
    expect(seen.map(path)).toEqual(['/api/leads/'])
  })

  it('retries a request with its body intact', async () => {
    session.setAccess('expired')
    const bodies: string[] = []
    fakeServer(async (req) => {
      if (path(req) === '/api/auth/refresh/') return json({ access: 'fresh', refresh: '' })
      bodies.push(await req.text())
      return req.headers.get('Authorization') === 'Bearer fresh' ? json({ id: 1 }, 201) : json({ detail: 'x' }, 401)
    })
    await api.POST('/api/notes/', { body: { lead: 1, content: 'hello' } })
    expect(bodies).toEqual([JSON.stringify({ lead: 1, content: 'hello' }), JSON.stringify({ lead: 1, content: 'hello' })])
  })

  it('gives up after one retry', async () => {
    session.setAccess('a')
    let refreshes = 0
    fakeServer((req) => {
      if (path(req) === '/api/auth/refresh/') {
        refreshes++
        return json({ access: `a${refreshes}`, refresh: `r${refreshes + 1}` })
      }
      return json({ detail: 'You do not have permission' }, 401)
    })
    const response = await authFetch('/api/leads/')
    expect(response.status).toBe(401)
    expect(refreshes).toBe(1)
  })
})
