import { api } from '@/api/client'

export function login(username: string, password: string) {
  return api.POST('/api/auth/login/', { body: { username, password } })
}

export function me() {
  return api.GET('/api/auth/me/')
}

/** Revokes the refresh token on the server. */
export function logout(refresh: string) {
  return api.POST('/api/auth/logout/', { body: { refresh } })
}
