import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { api, authFetch } from '@/api/client'
import * as session from '@/api/session'
import { fakeServer, json, path } from './helpers'

beforeEach(() => {
  session.clearTokens()
  sessionStorage.clear()
})
afterEach(() => vi.unstubAllGlobals())

describe('the session tokens', () => {
  it('share one refresh between concurrent callers', async () => {
    session.setTokens({ access: 'old', refresh: 'r1' })
    const { seen } = fakeServer(async (req) => {
      if (path(req) === '/api/auth/refresh/') {
        await new Promise((r) => setTimeout(r, 10))
        return json({ access: 'a2', refresh: 'r2' })
      }
    })
    const results = await Promise.all([session.refreshOnce(), session.refreshOnce(), session.refreshOnce()])
    expect(results).toEqual([true, true, true])
    expect(seen.filter((r) => path(r) === '/api/auth/refresh/')).toHaveLength(1)
    expect(session.accessToken()).toBe('a2')
    expect(session.refreshToken()).toBe('r2')
  })

  it('forget the session when the refresh token is refused', async () => {
    session.setTokens({ access: 'old', refresh: 'stolen' })
    const expired = vi.fn()
    session.whenExpired(expired)
    fakeServer(() => json({ detail: 'Token is invalid or expired' }, 401))
    expect(await session.refreshOnce()).toBe(false)
    expect(session.refreshToken()).toBeNull()
    expect(expired).toHaveBeenCalledOnce()
  })

  it('keep the refresh token out of storage until the page unloads, and take it back once', () => {
    session.setTokens({ access: 'a', refresh: 'r' })
    expect(sessionStorage.length).toBe(0)
    session.saveForReload()
    session.clearTokens()
    sessionStorage.setItem('crm.resume', 'r')
    expect(session.takeFromReload()).toBe(true)
    expect(session.refreshToken()).toBe('r')
    expect(sessionStorage.getItem('crm.resume')).toBeNull()
    expect(session.takeFromReload()).toBe(false)
  })
})

describe('the API client', () => {
  it('sends the access token, and on a 401 refreshes once and retries once', async () => {
    session.setTokens({ access: 'expired', refresh: 'r1' })
    const { seen } = fakeServer((req) => {
      if (path(req) === '/api/auth/refresh/') return json({ access: 'fresh', refresh: 'r2' })
      if (req.headers.get('Authorization') === 'Bearer fresh') return json({ total_leads: 3 })
      return json({ detail: 'Token expired' }, 401)
    })
    const { data } = await api.GET('/api/dashboard-stats/')
    expect(data?.total_leads).toBe(3)
    expect(seen.map(path)).toEqual(['/api/dashboard-stats/', '/api/auth/refresh/', '/api/dashboard-stats/'])
  })

  it('retries a request with its body intact', async () => {
    session.setTokens({ access: 'expired', refresh: 'r1' })
    const bodies: string[] = []
    fakeServer(async (req) => {
      if (path(req) === '/api/auth/refresh/') return json({ access: 'fresh', refresh: 'r2' })
      bodies.push(await req.text())
      return req.headers.get('Authorization') === 'Bearer fresh' ? json({ id: 1 }, 201) : json({ detail: 'x' }, 401)
    })
    await api.POST('/api/notes/', { body: { lead: 1, content: 'hello' } })
    expect(bodies).toEqual([JSON.stringify({ lead: 1, content: 'hello' }), JSON.stringify({ lead: 1, content: 'hello' })])
  })

  it('gives up after one retry', async () => {
    session.setTokens({ access: 'a', refresh: 'r1' })
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
