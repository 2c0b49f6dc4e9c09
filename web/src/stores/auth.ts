import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { errorMessage } from '@/api/errors'
import * as session from '@/api/session'
import type { User } from '@/api/types'
import * as service from '@/services/auth'

/** Who is signed in. The tokens themselves stay in `api/session`. */
export const useAuth = defineStore('auth', () => {
  const user = ref<User | null>(null)
  const ready = ref(false)

  const isManager = computed(() => user.value?.role === 'manager')
  const signedIn = computed(() => user.value !== null)

  async function login(username: string, password: string): Promise<string | null> {
    const { data, error, response } = await service.login(username, password)
    if (!data) {
      if (response.status === 429) return errorMessage(error, 'Too many attempts: wait a moment and try again.')
      return errorMessage(error, 'Could not sign in.')
    }
    session.setTokens(data)
    user.value = data.user
    return null
  }

  /** Resumes the session a reload of this tab left behind; true when signed in. */
  async function restore(): Promise<boolean> {
    try {
      if (user.value) return true
      if (!session.takeFromReload() || !(await session.refreshOnce())) return false
      const { data } = await service.me()
      user.value = data ?? null
      return Boolean(data)
    } finally {
      ready.value = true
    }
  }

  async function logout(): Promise<void> {
    const refresh = session.refreshToken()
    if (refresh) {
      // Revokes the refresh token on the server; the page forgets both tokens either way.
      await service.logout(refresh).catch(() => undefined)
    }
    forget()
  }

  function forget() {
    session.clearTokens()
    user.value = null
  }

  return { user, ready, isManager, signedIn, login, restore, logout, forget }
})
