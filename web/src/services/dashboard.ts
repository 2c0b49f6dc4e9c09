import { api } from '@/api/client'
import type { DashboardQuery } from '@/api/types'

/** The figures of everyone's leads, or of one assignee's (`assigned_to`: `me` or an id). */
export function stats(query: DashboardQuery = {}) {
  return api.GET('/api/dashboard-stats/', { params: { query } })
}
