import { api } from '@/api/client'
import type { NoteCreate, NoteQuery } from '@/api/types'
import { ONE_PAGE } from './page'

/** The notes of one lead, newest first. */
export function ofLead(lead: number, query: NoteQuery = {}) {
  return api.GET('/api/notes/', { params: { query: { lead, page_size: ONE_PAGE, ...query } } })
}

export function create(body: NoteCreate) {
  return api.POST('/api/notes/', { body })
}

export function remove(id: number) {
  return api.DELETE('/api/notes/{id}/', { params: { path: { id } } })
}

export function update(id: number, content: string) {
  return api.PATCH('/api/notes/{id}/', { params: { path: { id } }, body: { content } })
}
