import { api } from '@/api/client'

/** The currency and the choices of enumerated fields. */
export function get() {
  return api.GET('/api/meta/')
}
