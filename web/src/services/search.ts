// The global search box: the newest few leads, contacts and notes that match `q`.
import { api } from '@/api/client'

/** At most 5 of each kind, as their lists show them; `signal` cancels a stale request. */
export function everything(q: string, signal?: AbortSignal) {
  return api.GET('/api/search/', { params: { query: { q } }, signal })
}
