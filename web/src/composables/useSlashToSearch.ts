import { nextTick, onBeforeUnmount, onMounted } from 'vue'
import type { Router } from 'vue-router'

export const SEARCH_ID = 'lead-search'

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
}

/** `/` anywhere (outside a text field) focuses the leads search, opening the list if needed. */
export function useSlashToSearch(router: Router) {
  async function onKey(event: KeyboardEvent) {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || typingIn(event.target)) return
    event.preventDefault()
    if (!document.getElementById(SEARCH_ID)) {
      await router.push({ name: 'leads' })
      await nextTick()
    }
    document.getElementById(SEARCH_ID)?.focus()
  }
  onMounted(() => window.addEventListener('keydown', onKey))
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey))
}
