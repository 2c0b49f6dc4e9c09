import { afterEach, describe, expect, it, vi } from 'vitest'
import { downloadWithToken } from '@/composables/download'
import { fakeServer, json } from './helpers'

afterEach(() => vi.unstubAllGlobals())

describe('a download behind the token', () => {
  it('reports a body that the server aborted half-way, and saves nothing', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('id,first_name\r\n1,Wanjiku\r\n'))
        controller.error(new TypeError('network error'))
      },
    })
    fakeServer(() => new Response(body, { status: 200, headers: { 'Content-Type': 'text/csv' } }))
    const created = vi.spyOn(URL, 'createObjectURL')
    const failure = await downloadWithToken('/api/leads/export/', 'leads.csv')
    expect(failure).toMatch(/cut short/)
    expect(created).not.toHaveBeenCalled()
  })

  it('shows the detail of an error status', async () => {
    fakeServer(() => json({ detail: 'The database is unavailable. Try again shortly.' }, 503))
    expect(await downloadWithToken('/api/leads/export/', 'leads.csv')).toBe(
      'The database is unavailable. Try again shortly.',
    )
  })
})
