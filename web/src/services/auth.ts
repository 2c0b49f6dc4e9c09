import { api } from '@/api/client'

export function login(username: string, password: string) {
  return api.POST('/api/auth/login/', { body: { username, password } })
}

export function me() {
  return api.GET('/api/auth/me/')
}

/** Ends the session of the `crm_refresh` cookie on the server, which clears the cookie. */
export function logout() {
  return api.POST('/api/auth/logout/', { body: {} })
}
