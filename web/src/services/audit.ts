import { api } from '@/api/client'
import type { AuditQuery } from '@/api/types'

export function list(query: AuditQuery) {
  return api.GET('/api/audit-logs/', { params: { query } })
}

/** The newest changes of one lead. */
export function ofLead(lead: number, pageSize = 50) {
  return list({ entity: 'lead', entity_id: lead, page_size: pageSize })
}
