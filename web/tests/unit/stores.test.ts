import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as session from '@/api/session'
import { SESSION_ENDED, SIGNED_OUT_ELSEWHERE, useAuth } from '@/stores/auth'
import { useConfirm } from '@/stores/confirm'
import { usePipeline } from '@/stores/pipeline'
import { useToasts } from '@/stores/toasts'
import { fakeServer, json, lead, manager, path } from './helpers'

beforeEach(() => {
  setActivePinia(createPinia())
  session.resetForTests()
})
afterEach(() => {
  session.resetForTests()
  vi.unstubAllGlobals()
})

describe('the auth store', () => {
  it('signs in, keeps the access token in memory only, and signs out by revoking', async () => {
    const otherTab = new BroadcastChannel('crm-session')
    const heard: session.SessionMessage[] = []
    otherTab.onmessage = (event: MessageEvent<session.SessionMessage>) => heard.push(event.data)
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
    expect(await logout?.json()).toEqual({}) // the cookie names the session
    expect(logout?.headers.get('Authorization')).toBe('Bearer A')
    expect(auth.signedIn).toBe(false)
    expect(session.accessToken()).toBeNull()
    for (let i = 0; i < 50 && heard.length < 2; i++) await new Promise((r) => setTimeout(r, 5))
    otherTab.close()
    expect(heard).toEqual([{ type: 'signed-in', access: 'A', user: manager }, { type: 'signed-out' }])
  })

  it('resumes the cookie\'s session on load, and says so when it has ended', async () => {
    fakeServer((req) => {
      if (path(req) === '/api/auth/refresh/') return json({ access: 'A2', refresh: 'R2' })
      if (path(req) === '/api/auth/me/' && req.headers.get('Authorization') === 'Bearer A2') return json(manager)
    })
    const auth = useAuth()
    expect(await auth.restore()).toBe(true)
    expect(auth.user?.username).toBe('manager')

    setActivePinia(createPinia())
    session.resetForTests()
    fakeServer(() => json({ detail: 'Token is invalid or expired' }, 401))
    const ended = useAuth()
    expect(await ended.restore()).toBe(false)
    expect(ended.notice).toBe(SESSION_ENDED)

    setActivePinia(createPinia())
    fakeServer(() => json({ refresh: ['This field is required.'] }, 400))
    const never = useAuth()
    expect(await never.restore()).toBe(false)
    expect(never.notice).toBeNull()
    expect(never.ready).toBe(true)
  })

  it('follows sign-in and sign-out in another tab', () => {
    const auth = useAuth()
    expect(auth.followOtherTab({ type: 'signed-out' })).toBeNull()
    expect(auth.followOtherTab({ type: 'signed-in', access: 'T', user: manager })).toBe('resume')
    expect(auth.signedIn).toBe(true)
    expect(session.accessToken()).toBe('T')
    expect(auth.followOtherTab({ type: 'access', access: 'T2' })).toBeNull()
    expect(auth.followOtherTab({ type: 'signed-out' })).toBe('login')
    expect(auth.signedIn).toBe(false)
    expect(auth.notice).toBe(SIGNED_OUT_ELSEWHERE)
    expect(session.accessToken()).toBeNull()
    auth.followOtherTab({ type: 'signed-in', access: 'T', user: manager })
    expect(auth.followOtherTab({ type: 'ended' })).toBe('login')
    expect(auth.notice).toBe(SESSION_ENDED)
  })

  it("reports a failed sign-in in the server's words", async () => {
    fakeServer(() => json({ detail: 'No active account found with the given credentials' }, 401))
    const auth = useAuth()
    expect(await auth.login('manager', 'wrong')).toBe('No active account found with the given credentials')
    expect(auth.signedIn).toBe(false)
  })
})

describe('the pipeline store', () => {
  const FUNNEL = ['new', 'contacted', 'qualified', 'converted', 'lost']
  type Figures = Record<string, [number, string]>

  /** A server with `leads` and the board's figures computed from them (or fixed ones). */
  function board(leads: ReturnType<typeof lead>[], figures?: Figures) {
    return FUNNEL.map((status) => {
      const mine = leads.filter((l) => l.status === status)
      const [count, total] = figures?.[status] ?? [mine.length, `${mine.length * 1000}.00`]
      return { status, count, total_value: total, leads: mine.slice(0, 50) }
    })
  }
  function server(leads: ReturnType<typeof lead>[], patch?: (req: Request) => Promise<Response>) {
    return fakeServer(async (req) => {
      const url = new URL(req.url)
      if (url.pathname === '/api/leads/board/') return json({ columns: board(leads) })
      if (req.method === 'GET') {
        const rows = leads.filter((l) => l.status === url.searchParams.get('status'))
        return json({ count: rows.length, next: null, previous: null, results: rows })
      }
      if (patch) return patch(req)
      const body = (await req.json()) as { status: string }
      const id = Number(url.pathname.split('/')[3])
      const found = leads.find((l) => l.id === id)!
      found.status = body.status
      return json(found)
    })
  }
  const filters = { assigned_to: '', priority: '', search: '' }

  it('paints every column from one request with the filters, in funnel order', async () => {
    const { seen } = server([lead(1), lead(2, 'lost'), lead(3, 'converted')])
    const pipeline = usePipeline()
    await pipeline.load({ assigned_to: 'me', priority: 'high', search: ' kamau ' })
    expect(pipeline.columns.map((c) => c.status)).toEqual(FUNNEL)
    expect(pipeline.column('lost')?.cards.map((l) => l.id)).toEqual([2])
    expect(seen).toHaveLength(1)
    const query = new URL(seen[0]!.url).searchParams
    expect(path(seen[0]!)).toBe('/api/leads/board/')
    expect(Object.fromEntries(query)).toEqual({ assigned_to: 'me', priority: 'high', search: 'kamau', cards: '50' })
  })

  it('moves a card and both figures at once, then keeps the server\'s answer', async () => {
    server([lead(1), lead(2, 'contacted')])
    const pipeline = usePipeline()
    await pipeline.load(filters)
    const moving = pipeline.move(1, 'qualified')
    // Before the server answered:
    expect(pipeline.column('new')).toMatchObject({ count: 0, total: '0.00', cards: [] })
    expect(pipeline.column('qualified')).toMatchObject({ count: 1, total: '1000.00' })
    expect(await moving).toBeNull()
    expect(pipeline.column('qualified')?.cards.map((l) => [l.id, l.status])).toEqual([[1, 'qualified']])
  })

  it('rolls the move back when the server refuses it', async () => {
    server([lead(1)], async () => json({ detail: 'You do not have permission to perform this action.' }, 403))
    const pipeline = usePipeline()
    await pipeline.load(filters)
    expect(await pipeline.move(1, 'lost')).toBe('You do not have permission to perform this action.')
    expect(pipeline.column('new')).toMatchObject({ count: 1, total: '1000.00' })
    expect(pipeline.column('new')?.cards[0]?.status).toBe('new')
    expect(pipeline.column('lost')).toMatchObject({ count: 0, total: '0.00', cards: [] })
  })

  it('sends only the status', async () => {
    const { seen } = server([lead(7)])
    const pipeline = usePipeline()
    await pipeline.load(filters)
    await pipeline.move(7, 'converted')
    const patch = seen.find((r) => r.method === 'PATCH')
    expect(path(patch!)).toBe('/api/leads/7/')
    expect(await patch!.json()).toEqual({ status: 'converted' })
  })

  it('adds money exactly beyond what a double holds', async () => {
    const big = { ...lead(1), estimated_value: '1000000000000.01' }
    fakeServer(async (req) => {
      const url = new URL(req.url)
      if (url.pathname === '/api/leads/board/') {
        return json({ columns: board([big], { new: [1, '1000000000000.01'], qualified: [3, '3000000000000.03'] }) })
      }
      if (req.method === 'GET') {
        const rows = url.searchParams.get('status') === 'new' ? [big] : []
        return json({ count: rows.length, next: null, previous: null, results: rows })
      }
      return json({ ...big, status: 'qualified' })
    })
    const pipeline = usePipeline()
    await pipeline.load(filters)
    void pipeline.move(1, 'qualified')
    expect(pipeline.column('qualified')?.total).toBe('4000000000000.04')
  })

  it('reads the page before again after cards left a column, so none is skipped', async () => {
    const many = Array.from({ length: 120 }, (_, i) => lead(i + 1))
    const { seen } = fakeServer(async (req) => {
      const url = new URL(req.url)
      if (url.pathname === '/api/leads/board/') return json({ columns: board(many) })
      if (req.method === 'GET') {
        const rows = many.filter((l) => l.status === url.searchParams.get('status'))
        const page = Number(url.searchParams.get('page'))
        const size = Number(url.searchParams.get('page_size'))
        return json({ count: rows.length, next: null, previous: null, results: rows.slice((page - 1) * size, page * size) })
      }
      const id = Number(url.pathname.split('/')[3])
      many[id - 1]!.status = 'lost'
      return json(many[id - 1])
    })
    const pipeline = usePipeline()
    await pipeline.load(filters)
    expect(pipeline.column('new')?.cards).toHaveLength(50)
    await pipeline.move(3, 'lost')
    seen.length = 0
    await pipeline.loadMore('new')
    const pages = seen.map((r) => new URL(r.url).searchParams.get('page')).sort()
    expect(pages).toEqual(['1', '2'])
    const ids = pipeline.column('new')!.cards.map((l) => l.id)
    expect(ids).toHaveLength(100)
    expect(new Set(ids).size).toBe(100)
    expect(ids).toContain(51) // moved up from page 2 into page 1 when lead 3 left
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
