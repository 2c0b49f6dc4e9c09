// Leads: the only module besides the other services that talks to `/api/leads/`.
import { api } from '@/api/client'
import type { BoardQuery, LeadCreate, LeadPatch, LeadQuery } from '@/api/types'

export function list(query: LeadQuery) {
  return api.GET('/api/leads/', { params: { query } })
}

/** The pipeline's column heads: true counts and totals per status for the list's filters. */
export function board(query: BoardQuery) {
  return api.GET('/api/leads/board/', { params: { query } })
}

export function get(id: number) {
  return api.GET('/api/leads/{id}/', { params: { path: { id } } })
}

export function create(body: LeadCreate) {
  return api.POST('/api/leads/', { body })
}

/** Changes only the fields in `patch`. */
export function update(id: number, patch: LeadPatch) {
  return api.PATCH('/api/leads/{id}/', { params: { path: { id } }, body: patch })
}

export function remove(id: number) {
  return api.DELETE('/api/leads/{id}/', { params: { path: { id } } })
}
