import { afterEach, describe, expect, it, vi } from 'vitest'
import { changedFields } from '@/services/changes'
import * as contacts from '@/services/contacts'
import * as leads from '@/services/leads'
import * as reminders from '@/services/reminders'
import * as users from '@/services/users'
import { fakeServer, json, lead, path } from './helpers'

afterEach(() => vi.unstubAllGlobals())

describe('the services', () => {
  it('send a PATCH with only the fields given', async () => {
    const { seen } = fakeServer(() => json({}))
    await contacts.update(3, { is_primary: true })
    await reminders.update(4, { status: 'cancelled' })
    await users.update(5, { is_active: false })
    await leads.update(6, { status: 'lost' })
    const sent = await Promise.all(seen.map(async (r) => [r.method, path(r), await r.json()]))
    expect(sent).toEqual([
      ['PATCH', '/api/contacts/3/', { is_primary: true }],
      ['PATCH', '/api/reminders/4/', { status: 'cancelled' }],
      ['PATCH', '/api/users/5/', { is_active: false }],
      ['PATCH', '/api/leads/6/', { status: 'lost' }],
    ])
  })

  it("ask for a lead's records in one page, with the extra filters", async () => {
    const { seen } = fakeServer(() => json({ count: 0, next: null, previous: null, results: [] }))
    await reminders.ofLead(9, { ordering: 'remind_at' })
    expect(new URL(seen[0]!.url).search).toBe('?lead=9&page_size=100&ordering=remind_at')
  })
})

describe('changedFields', () => {
  it('keeps only what differs, taking a blank and a null for the same', () => {
    const before = { ...lead(1), last_name: '', assigned_to: null }
    const after = { first_name: 'Lead1', last_name: '', company: 'Other', assigned_to: 2, phone: '' }
    expect(changedFields(before, after)).toEqual({ company: 'Other', assigned_to: 2 })
  })

  it('is empty when nothing changed', () => {
    expect(changedFields(lead(1), { first_name: 'Lead1', status: 'new' })).toEqual({})
  })
})
