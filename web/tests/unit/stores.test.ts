import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as session from '@/api/session'
import { useAuth } from '@/stores/auth'
import { useConfirm } from '@/stores/confirm'
import { usePipeline } from '@/stores/pipeline'
import { useToasts } from '@/stores/toasts'
import { fakeServer, json, lead, manager, path } from './helpers'

beforeEach(() => {
  setActivePinia(createPinia())
  session.clearTokens()
})
afterEach(() => vi.unstubAllGlobals())

describe('the auth store', () => {
  it('signs in, keeps the access token in memory only, and signs out by revoking', async () => {
    const { seen } = fakeServer(async (req) => {
      if (path(req) === '/api/auth/login/') return json({ access: 'A', refresh: 'R', user: manager })
      if (path(req) === '/api/auth/logout/') return json(null, 204)
    })
    const auth = useAuth()
    expect(await auth.login('manager', 'password123')).toBeNull()
    expect(auth.isManager).toBe(true)
    expect(session.accessToken()).toBe('A')
    expect(localStorage.length + sessionStorage.length).toBe(0)

    await auth.logout()
    const logout = seen.find((r) => path(r) === '/api/auth/logout/')
    expect(await logout?.json()).toEqual({ refresh: 'R' })
    expect(logout?.headers.get('Authorization')).toBe('Bearer A')
    expect(auth.signedIn).toBe(false)
    expect(session.accessToken()).toBeNull()
  })

  it("reports a failed sign-in in the server's words", async () => {
    fakeServer(() => json({ detail: 'No active account found with the given credentials' }, 401))
    const auth = useAuth()
    expect(await auth.login('manager', 'wrong')).toBe('No active account found with the given credentials')
    expect(auth.signedIn).toBe(false)
  })
})

describe('the pipeline store', () => {
  it("moves a card at once and keeps the server's answer", async () => {
    fakeServer(async (req) => {
      if (req.method === 'GET') return json({ count: 2, next: null, previous: null, results: [lead(1), lead(2, 'contacted')] })
      if (req.method === 'PATCH') return json({ ...lead(1), ...(await req.json()) })
    })
    const pipeline = usePipeline()
    await pipeline.load()
    const moving = pipeline.move(1, 'qualified')
    expect(pipeline.leads[0]?.status).toBe('qualified') // before the server answered
    expect(await moving).toBeNull()
    expect(pipeline.byStatus.get('qualified')?.map((l) => l.id)).toEqual([1])
  })

  it('rolls the move back when the server refuses it', async () => {
    fakeServer((req) => {
      if (req.method === 'GET') return json({ count: 1, next: null, previous: null, results: [lead(1)] })
      return json({ detail: 'You do not have permission to perform this action.' }, 403)
    })
    const pipeline = usePipeline()
    await pipeline.load()
    expect(await pipeline.move(1, 'lost')).toBe('You do not have permission to perform this action.')
    expect(pipeline.leads[0]?.status).toBe('new')
  })

  it('sends only the status', async () => {
    const { seen } = fakeServer(async (req) => {
      if (req.method === 'GET') return json({ count: 1, next: null, previous: null, results: [lead(7)] })
      return json({ ...lead(7), status: 'converted' })
    })
    const pipeline = usePipeline()
    await pipeline.load()
    await pipeline.move(7, 'converted')
    const patch = seen.find((r) => r.method === 'PATCH')
    expect(path(patch!)).toBe('/api/leads/7/')
    expect(await patch!.json()).toEqual({ status: 'converted' })
  })
})

describe('toasts and confirmations', () => {
  it('lets successes fade and keeps failures', () => {
    vi.useFakeTimers()
    const toasts = useToasts()
    toasts.success('Saved.')
    toasts.error('Failed.')
    vi.advanceTimersByTime(5000)
    expect(toasts.items.map((t) => t.text)).toEqual(['Failed.'])
    vi.useRealTimers()
  })

  it('answers a confirmation once', async () => {
    const confirm = useConfirm()
    const answer = confirm.ask({ message: 'Delete?' })
    expect(confirm.pending?.message).toBe('Delete?')
    confirm.answer(true)
    expect(await answer).toBe(true)
    expect(confirm.pending).toBeNull()
  })
})
