import { api } from '@/api/client'
import type { TimelineKind } from '@/api/types'

/** One page of a lead's timeline, newest first; `kinds` empty means every kind. */
export function ofLead(lead: number, kinds: TimelineKind[], page: number, pageSize: number) {
  const query = { page, page_size: pageSize, ...(kinds.length ? { kind: kinds.join(',') } : {}) }
  return api.GET('/api/leads/{id}/timeline/', { params: { path: { id: lead }, query } })
}
