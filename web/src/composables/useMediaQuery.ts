import { onScopeDispose, ref, type Ref } from 'vue'

/** Whether a media query matches now, kept up to date while the calling component lives. */
export function useMediaQuery(query: string): Ref<boolean> {
  const list = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(query) : null
  const matches = ref(list?.matches ?? false)
  if (list) {
    const listener = (e: MediaQueryListEvent) => (matches.value = e.matches)
    list.addEventListener('change', listener)
    onScopeDispose(() => list.removeEventListener('change', listener))
  }
  return matches
}

/** The layout breakpoint under which lists become cards (see styles.css). */
export const PHONE_QUERY = '(max-width: 639.98px)'
