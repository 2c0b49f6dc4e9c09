import { api } from '@/api/client'
import type { ReminderCreate, ReminderPatch, ReminderQuery } from '@/api/types'
import { ONE_PAGE } from './page'

export function list(query: ReminderQuery) {
  return api.GET('/api/reminders/', { params: { query } })
}

/** The reminders of one lead. */
export function ofLead(lead: number, query: ReminderQuery = {}) {
  return list({ lead, page_size: ONE_PAGE, ...query })
}

export function create(body: ReminderCreate) {
  return api.POST('/api/reminders/', { body })
}

/** Changes only the fields in `patch`. */
export function update(id: number, patch: ReminderPatch) {
  return api.PATCH('/api/reminders/{id}/', { params: { path: { id } }, body: patch })
}
