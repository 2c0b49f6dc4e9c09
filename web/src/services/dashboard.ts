import { api } from '@/api/client'

export function stats() {
  return api.GET('/api/dashboard-stats/')
}
