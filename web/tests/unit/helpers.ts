import { vi } from 'vitest'

export type Handler = (request: Request) => Response | undefined | Promise<Response | undefined>

export function json(body: unknown, status = 200): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  })
}

/**
 * Replaces `fetch` with a fake server: each request goes to `handler`, which answers or
 * returns undefined for a 404. Returns the requests seen.
 */
export function fakeServer(handler: Handler) {
  const seen: Request[] = []
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(new URL(String(input), location.origin), init)
    seen.push(request.clone())
    return (await handler(request)) ?? json({ detail: 'Not found.' }, 404)
  })
  vi.stubGlobal('fetch', fetchMock)
  return { seen, fetchMock }
}

export function path(request: Request): string {
  return new URL(request.url).pathname
}

export const manager = {
  id: 1,
  username: 'manager',
  email: 'manager@example.com',
  first_name: 'Grace',
  last_name: 'Wanjiru',
  full_name: 'Grace Wanjiru',
  role: 'manager' as const,
  is_active: true,
  date_joined: '2026-01-01T00:00:00Z',
  last_login: null,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
}

export const agent = { ...manager, id: 2, username: 'agent', full_name: 'Brian Otieno', role: 'agent' as const }

export function lead(id: number, status = 'new') {
  return {
    id,
    first_name: `Lead${id}`,
    last_name: 'Test',
    full_name: `Lead${id} Test`,
    company: 'Acme',
    title: '',
    email: '',
    phone: '',
    status,
    priority: 'medium',
    estimated_value: '1000.00',
    source: '',
    description: '',
    assigned_to: null,
    created_by: 1,
    contacts_count: 0,
    primary_contact: null,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
  }
}
