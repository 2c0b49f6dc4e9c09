import { api } from '@/api/client'
import type { UserCreate, UserPatch } from '@/api/types'
import { ONE_PAGE } from './page'

/** Everyone, by username: an installation has few enough users for one page. */
export function all() {
  return api.GET('/api/users/', { params: { query: { page_size: ONE_PAGE, ordering: 'username' } } })
}

export function create(body: UserCreate) {
  return api.POST('/api/users/', { body })
}

/** Changes only the fields in `patch`. */
export function update(id: number, patch: UserPatch) {
  return api.PATCH('/api/users/{id}/', { params: { path: { id } }, body: patch })
}
