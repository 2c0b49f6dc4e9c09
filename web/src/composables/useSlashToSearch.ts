import { onBeforeUnmount, onMounted } from 'vue'

/** The id of a page's own search box (the leads list's), which `/` focuses. */
export const SEARCH_ID = 'lead-search'

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
}

/**
 * The search shortcuts. Ctrl+K (Cmd+K on a Mac) opens the global search anywhere, even
 * from a text field. `/` outside a text field focuses the page's own search box where
 * there is one (the leads list: it narrows the list in view), and opens the global search
 * everywhere else.
 */
export function useSlashToSearch(openGlobal: () => void) {
  function onKey(event: KeyboardEvent) {
    if (event.defaultPrevented || event.altKey) return
    // Another modal dialog (a confirmation) keeps the keyboard to itself.
    if (document.querySelector('dialog[open]:not([data-global-search])')) return
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
      event.preventDefault()
      openGlobal()
      return
    }
    if (event.key !== '/' || event.ctrlKey || event.metaKey || typingIn(event.target)) return
    event.preventDefault()
    const own = document.getElementById(SEARCH_ID)
    if (own) own.focus()
    else openGlobal()
  }
  onMounted(() => window.addEventListener('keydown', onKey))
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey))
}
