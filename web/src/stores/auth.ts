import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { errorMessage } from '@/api/errors'
import * as session from '@/api/session'
import type { User } from '@/api/types'
import * as service from '@/services/auth'

/** What the sign-in page says when a session ended without the user signing out here. */
export const SESSION_ENDED = 'Your session ended. Sign in again.'
export const SIGNED_OUT_ELSEWHERE = 'You signed out in another tab. Sign in again to continue.'

/** Who is signed in. The access token stays in `api/session`; the refresh token in a cookie. */
export const useAuth = defineStore('auth', () => {
  const user = ref<User | null>(null)
  const ready = ref(false)
  /** Why the sign-in page is shown, when it is not the user's own doing. */
  const notice = ref<string | null>(null)

  const isManager = computed(() => user.value?.role === 'manager')
  const signedIn = computed(() => user.value !== null)

  async function login(username: string, password: string): Promise<string | null> {
    const { data, error, response } = await service.login(username, password)
    if (!data) {
      if (response.status === 429) return errorMessage(error, 'Too many attempts: wait a moment and try again.')
      return errorMessage(error, 'Could not sign in.')
    }
    session.setAccess(data.access)
    user.value = data.user
    notice.value = null
    session.tellOtherTabs({ type: 'signed-in', access: data.access, user: data.user })
    return null
  }

  /** Resumes the browser's session (the cookie) in this page; true when signed in. */
  async function restore(): Promise<boolean> {
    try {
      if (user.value) return true
      const outcome = await session.renew()
      if (outcome === 'ended') notice.value = SESSION_ENDED
      if (outcome !== 'renewed') return false
      const { data } = await service.me()
      user.value = data ?? null
      return Boolean(data)
    } finally {
      ready.value = true
    }
  }

  async function logout(): Promise<void> {
    // Ends the session on the server (and the cookie); the page forgets it either way.
    await service.logout().catch(() => undefined)
    session.tellOtherTabs({ type: 'signed-out' })
    forget()
  }

  /** Forgets the session in this tab; `reason` is shown on the sign-in page. */
  function forget(reason: string | null = null) {
    session.clearTokens()
    user.value = null
    notice.value = reason
  }

  /**
   * Follows what another tab did to the shared session: `login` when this tab must now go
   * to the sign-in page, `resume` when it was signed in by the other tab.
   */
  function followOtherTab(message: session.SessionMessage): 'login' | 'resume' | null {
    if (message.type === 'signed-in') {
      session.setAccess(message.access)
      user.value = message.user
      notice.value = null
      return 'resume'
    }
    if (message.type === 'access' || !user.value) return null
    forget(message.type === 'signed-out' ? SIGNED_OUT_ELSEWHERE : SESSION_ENDED)
    return 'login'
  }

  return { user, ready, notice, isManager, signedIn, login, restore, logout, forget, followOtherTab }
})
