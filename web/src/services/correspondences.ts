import { api } from '@/api/client'
import type { CorrespondenceCreate, CorrespondenceQuery } from '@/api/types'
import { ONE_PAGE } from './page'

/** The correspondence of one lead, newest first. */
export function ofLead(lead: number, query: CorrespondenceQuery = {}) {
  return api.GET('/api/correspondences/', { params: { query: { lead, page_size: ONE_PAGE, ...query } } })
}

export function create(body: CorrespondenceCreate) {
  return api.POST('/api/correspondences/', { body })
}

export function remove(id: number) {
  return api.DELETE('/api/correspondences/{id}/', { params: { path: { id } } })
}

export function update(id: number, body: Partial<CorrespondenceCreate>) {
  return api.PATCH('/api/correspondences/{id}/', { params: { path: { id } }, body: body as CorrespondenceCreate })
}
