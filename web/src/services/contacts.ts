import { api } from '@/api/client'
import type { ContactCreate, ContactPatch, ContactQuery } from '@/api/types'
import { ONE_PAGE } from './page'

/** The contacts of one lead: few enough for one page. */
export function ofLead(lead: number, query: ContactQuery = {}) {
  return api.GET('/api/contacts/', { params: { query: { lead, page_size: ONE_PAGE, ...query } } })
}

export function get(id: number) {
  return api.GET('/api/contacts/{id}/', { params: { path: { id } } })
}

export function create(body: ContactCreate) {
  return api.POST('/api/contacts/', { body })
}

/** Changes only the fields in `patch`. */
export function update(id: number, patch: ContactPatch) {
  return api.PATCH('/api/contacts/{id}/', { params: { path: { id } }, body: patch })
}

export function remove(id: number) {
  return api.DELETE('/api/contacts/{id}/', { params: { path: { id } } })
}
