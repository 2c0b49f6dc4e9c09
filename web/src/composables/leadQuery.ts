// The leads list's state lives in the URL (`/leads?status=new&ordering=-estimated_value`),
// so a view can be shared and the back button works. These turn it into API queries.
import type { LocationQuery, LocationQueryRaw, LocationQueryValue } from 'vue-router'
import type { LeadQuery } from '@/api/types'

export interface LeadFilters {
  search: string
  status: string
  priority: string
  assigned_to: string
  /** 'true': open leads with no pending follow-up. */
  no_next_step: '' | 'true'
  ordering: string
  page: number
  page_size: number
}

export const DEFAULT_FILTERS: LeadFilters = {
  search: '',
  status: '',
  priority: '',
  assigned_to: '',
  no_next_step: '',
  ordering: '-created_at',
  page: 1,
  page_size: 20,
}

const PAGE_SIZES = [10, 20, 50, 100]

type QueryValue = LocationQueryValue | LocationQueryValue[] | undefined

function text(value: QueryValue): string {
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' ? first : ''
}

function positive(value: QueryValue, fallback: number): number {
  const n = Number.parseInt(text(value), 10)
  return Number.isFinite(n) && n > 0 ? n : fallback
}

export function parseLeadQuery(query: LocationQuery): LeadFilters {
  const size = positive(query.page_size, DEFAULT_FILTERS.page_size)
  return {
    search: text(query.search),
    status: text(query.status),
    priority: text(query.priority),
    assigned_to: text(query.assigned_to),
    no_next_step: text(query.no_next_step) === 'true' ? 'true' : '',
    ordering: text(query.ordering) || DEFAULT_FILTERS.ordering,
    page: positive(query.page, 1),
    page_size: PAGE_SIZES.includes(size) ? size : DEFAULT_FILTERS.page_size,
  }
}

/** The URL's query: only what differs from the defaults, so plain `/leads` stays plain. */
export function toRouteQuery(filters: LeadFilters): LocationQueryRaw {
  const query: LocationQueryRaw = {}
  for (const key of Object.keys(DEFAULT_FILTERS) as (keyof LeadFilters)[]) {
    if (filters[key] !== DEFAULT_FILTERS[key] && filters[key] !== '') query[key] = String(filters[key])
  }
  return query
}

/** The filters, search and ordering, without paging: exactly what the export takes. */
export function toFilterQuery(filters: LeadFilters): Omit<LeadQuery, 'page' | 'page_size'> {
  const query: Omit<LeadQuery, 'page' | 'page_size'> = { ordering: filters.ordering }
  if (filters.search.trim()) query.search = filters.search.trim()
  if (filters.status) query.status = filters.status
  if (filters.priority) query.priority = filters.priority
  if (filters.assigned_to) query.assigned_to = filters.assigned_to
  if (filters.no_next_step) query.no_next_step = true
  return query
}

export function toListQuery(filters: LeadFilters): LeadQuery {
  return { ...toFilterQuery(filters), page: filters.page, page_size: filters.page_size }
}

/** The next ordering when a column's header is clicked: ascending, then descending. */
export function nextOrdering(current: string, field: string): string {
  return current === field ? `-${field}` : field
}

export function sortState(ordering: string, field: string): 'ascending' | 'descending' | 'none' {
  if (ordering === field) return 'ascending'
  if (ordering === `-${field}`) return 'descending'
  return 'none'
}
