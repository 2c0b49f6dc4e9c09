import { describe, expect, it } from 'vitest'
import {
  DEFAULT_FILTERS,
  nextOrdering,
  parseLeadQuery,
  sortState,
  toFilterQuery,
  toListQuery,
  toRouteQuery,
} from '@/composables/leadQuery'

describe('the leads list query in the URL', () => {
  it('falls back to the defaults for a plain /leads', () => {
    expect(parseLeadQuery({})).toEqual(DEFAULT_FILTERS)
    expect(toRouteQuery(DEFAULT_FILTERS)).toEqual({})
  })

  it('reads filters, ordering and paging, and ignores nonsense', () => {
    const filters = parseLeadQuery({ search: 'wanj', status: 'new', page: '3', page_size: '50', ordering: '-estimated_value' })
    expect(filters).toMatchObject({ search: 'wanj', status: 'new', page: 3, page_size: 50, ordering: '-estimated_value' })
    expect(parseLeadQuery({ page: 'x', page_size: '7' })).toMatchObject({ page: 1, page_size: 20 })
  })

  it('round-trips through the URL', () => {
    const filters = { ...DEFAULT_FILTERS, priority: 'high', assigned_to: 'me', page: 2 }
    expect(parseLeadQuery(toRouteQuery(filters) as Record<string, string>)).toEqual(filters)
  })

  it('keeps "no next step" in the URL and sends it to the API only when set', () => {
    const filters = parseLeadQuery({ no_next_step: 'true', ordering: 'next_reminder_at' })
    expect(filters).toMatchObject({ no_next_step: 'true', ordering: 'next_reminder_at' })
    expect(toRouteQuery(filters)).toEqual({ no_next_step: 'true', ordering: 'next_reminder_at' })
    expect(toFilterQuery(filters)).toEqual({ no_next_step: true, ordering: 'next_reminder_at' })
    expect(parseLeadQuery({ no_next_step: 'yes' }).no_next_step).toBe('')
    expect(toFilterQuery(DEFAULT_FILTERS)).not.toHaveProperty('no_next_step')
  })

  it('gives the export exactly the filters, search and ordering, without paging', () => {
    const filters = { ...DEFAULT_FILTERS, search: '  kamau ', status: 'qualified', page: 4, page_size: 50 }
    expect(toFilterQuery(filters)).toEqual({ search: 'kamau', status: 'qualified', ordering: '-created_at' })
    expect(toListQuery(filters)).toEqual({ search: 'kamau', status: 'qualified', ordering: '-created_at', page: 4, page_size: 50 })
  })

  it('sorts a column ascending, then descending', () => {
    expect(nextOrdering('-created_at', 'company')).toBe('company')
    expect(nextOrdering('company', 'company')).toBe('-company')
    expect(nextOrdering('-company', 'company')).toBe('company')
    expect(sortState('-company', 'company')).toBe('descending')
    expect(sortState('company', 'status')).toBe('none')
  })
})
