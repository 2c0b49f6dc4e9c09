import { inject, onBeforeUnmount, onMounted } from 'vue'
import { matchedRouteKey, onBeforeRouteLeave, onBeforeRouteUpdate } from 'vue-router'
import { useConfirm } from '@/stores/confirm'

const DEFAULT_MESSAGE = 'You have unsaved changes. Leave and discard them?'

/**
 * Asks before a half-edited form is lost: on leaving the route (with the app's confirm
 * dialog) and on closing or reloading the tab (the browser's own prompt, which is the only
 * one allowed there). `isDirty` is read at the moment of leaving, so it can follow the form.
 * Returns `confirmDiscard`, for in-page exits such as a Cancel button.
 */
export function useUnsavedGuard(isDirty: () => boolean, message: string = DEFAULT_MESSAGE) {
  const confirm = useConfirm()

  async function confirmDiscard(): Promise<boolean> {
    if (!isDirty()) return true
    return confirm.ask({ title: 'Discard changes?', message, confirmLabel: 'Discard changes', cancelLabel: 'Keep editing' })
  }

  // Route guards need a page of the router around the form (a form mounted on its own, as in
  // a component test, has only the tab to guard).
  if (inject(matchedRouteKey, null)) {
    onBeforeRouteLeave(() => confirmDiscard())
    // The same page for another record (one lead to the next) reuses the component and would
    // drop the form too; a change of query only (a filter on the page) keeps it.
    onBeforeRouteUpdate((to, from) => (to.path === from.path ? true : confirmDiscard()))
  }

  function onBeforeUnload(event: BeforeUnloadEvent) {
    if (!isDirty()) return
    event.preventDefault()
    // Older browsers show the prompt only when returnValue is set.
    event.returnValue = ''
  }

  onMounted(() => window.addEventListener('beforeunload', onBeforeUnload))
  onBeforeUnmount(() => window.removeEventListener('beforeunload', onBeforeUnload))

  return { confirmDiscard }
}
