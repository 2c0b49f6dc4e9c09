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

/** RFC 3339 in UTC, whole seconds, as the API's filters read it. */
export function apiTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** The last instant of the browser's current day (what "due today" runs up to). */
export function endOfToday(now = new Date()): Date {
  const end = new Date(now)
  end.setHours(23, 59, 59, 0)
  return end
}

/** Still to do: neither completed nor cancelled. */
const OPEN = { completed: false, status: 'pending,sent,failed' } satisfies ReminderQuery

/**
 * Overdue follow-ups, the most recently due first: the ones that just slipped are the ones
 * still worth a call, and the pile of old ones stays reachable by paging.
 */
export function overdue(mine: boolean, page: number, pageSize: number) {
  return list({ overdue: true, ordering: '-remind_at', page, page_size: pageSize, ...(mine ? { recipient: 'me' } : {}) })
}

/** Follow-ups still to come today, soonest first. */
export function dueToday(mine: boolean, page: number, pageSize: number, now = new Date()) {
  return list({
    upcoming: true,
    remind_at_before: apiTime(endOfToday(now)),
    ordering: 'remind_at',
    page,
    page_size: pageSize,
    ...(mine ? { recipient: 'me' } : {}),
  })
}

/** Upcoming follow-ups (from now on), soonest first. */
export function upcoming(mine: boolean, page: number, pageSize: number) {
  return list({ upcoming: true, ordering: 'remind_at', page, page_size: pageSize, ...(mine ? { recipient: 'me' } : {}) })
}

/** How many of my follow-ups are overdue or due later today: one row fetched, the count exact. */
export function myDueCount(now = new Date()) {
  return list({ ...OPEN, recipient: 'me', remind_at_before: apiTime(endOfToday(now)), page_size: 1 })
}

/** My next follow-up still to come (to notify the moment it comes due). */
export function myNext() {
  return list({ upcoming: true, recipient: 'me', ordering: 'remind_at', page_size: 1 })
}

/** My follow-ups that came due since `since`, oldest first. */
export function myDueSince(since: Date) {
  return list({ overdue: true, recipient: 'me', remind_at_after: apiTime(since), ordering: 'remind_at', page_size: 20 })
}

export const complete = (id: number) => update(id, { completed: true })
/** A new time; a pending or failed follow-up is rescheduled (back to pending). */
export const reschedule = (id: number, at: Date) => update(id, { remind_at: apiTime(at) })
export const cancel = (id: number) => update(id, { status: 'cancelled' })
/** Undoes a cancel: the API puts a cancelled reminder back to pending. */
export const reinstate = (id: number) => update(id, { status: 'pending' })
