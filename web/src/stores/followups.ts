import { defineStore } from 'pinia'
import { ref } from 'vue'
import * as reminders from '@/services/reminders'
import { useToasts } from '@/stores/toasts'

/** How often the navigation's count is refreshed while the app is open. */
export const POLL_MS = 60_000
/** Toasted ids are remembered across tabs and reloads, so each comes up once. */
const TOASTED_KEY = 'crm.followups.toasted'
/** Clocks of browser and server differ a little: look back this far, deduplicated by id. */
const LOOK_BACK_MS = 120_000

function loadToasted(): number[] {
  try {
    const ids: unknown = JSON.parse(localStorage.getItem(TOASTED_KEY) ?? '[]')
    return Array.isArray(ids) ? ids.filter((id): id is number => typeof id === 'number') : []
  } catch {
    return []
  }
}

function saveToasted(ids: number[]) {
  try {
    localStorage.setItem(TOASTED_KEY, JSON.stringify(ids.slice(-200)))
  } catch {
    // Storage full or disabled: the toast may then show again in another tab, nothing worse.
  }
}

/**
 * My follow-ups due today or overdue: the count in the navigation, and a toast when one
 * comes due while the app is open. Refreshed every minute, when the tab comes back into
 * view, after every change made in the app, and at the moment my next follow-up is due.
 */
export const useFollowups = defineStore('followups', () => {
  const dueCount = ref<number | null>(null)
  /** Bumped after each change made here, so that open lists reload. */
  const version = ref(0)
  let since = new Date()
  /** The first check looks from the moment the app opened: older ones are on the Today page. */
  let lookBack = 0
  let poll: ReturnType<typeof setInterval> | undefined
  let nextDue: ReturnType<typeof setTimeout> | undefined
  let running = false

  /**
   * Tabs whose timers fire together take turns (Web Locks), so that the second sees the ids
   * the first announced.
   */
  function announceDue(): Promise<void> {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined
    return locks ? locks.request('crm.followups.announce', announceNow) : announceNow()
  }

  async function announceNow() {
    const { data } = await reminders.myDueSince(new Date(since.getTime() - lookBack))
    if (!data) return
    const previous = since
    since = new Date()
    lookBack = LOOK_BACK_MS
    // Open lists (the Today page) show what came due since the last look, in every tab.
    if (data.results.some((r) => new Date(r.remind_at) >= previous)) version.value++
    const toasted = loadToasted()
    const fresh = data.results.filter((r) => !toasted.includes(r.id))
    if (!fresh.length) return
    saveToasted([...toasted, ...fresh.map((r) => r.id)])
    const toasts = useToasts()
    for (const r of fresh) toasts.success(`Follow-up due: ${r.title} — ${r.lead_name || `Lead #${r.lead}`}`)
  }

  /** Sets a timer for the moment my next follow-up comes due (within the next poll). */
  async function scheduleNext() {
    clearTimeout(nextDue)
    const { data } = await reminders.myNext()
    const next = data?.results[0]
    if (!next || !running) return
    const wait = new Date(next.remind_at).getTime() - Date.now() + 500
    if (wait < POLL_MS) nextDue = setTimeout(() => void refresh(), Math.max(0, wait))
  }

  async function refresh() {
    if (!running) return
    try {
      const [{ data }] = await Promise.all([reminders.myDueCount(), announceDue(), scheduleNext()])
      if (data) dueCount.value = data.count
    } catch {
      // Offline for a moment: the next poll tries again.
    }
  }

  function onVisible() {
    if (document.visibilityState === 'visible') void refresh()
  }

  /** Starts polling (the signed-in shell calls this); a second call does nothing. */
  function start() {
    if (running) return
    running = true
    since = new Date()
    lookBack = 0
    poll = setInterval(() => void refresh(), POLL_MS)
    document.addEventListener('visibilitychange', onVisible)
    window.addEventListener('focus', onVisible)
    void refresh()
  }

  function stop() {
    running = false
    clearInterval(poll)
    clearTimeout(nextDue)
    document.removeEventListener('visibilitychange', onVisible)
    window.removeEventListener('focus', onVisible)
    dueCount.value = null
  }

  /** After a follow-up was completed, snoozed, cancelled or restored here. */
  function changed() {
    version.value++
    void refresh()
  }

  return { dueCount, version, start, stop, refresh, changed }
})
