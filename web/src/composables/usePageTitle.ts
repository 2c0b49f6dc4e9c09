import { getCurrentScope, onScopeDispose, ref, toValue, watchEffect, type MaybeRefOrGetter } from 'vue'

const SUFFIX = 'CRM'

// The route's title (set by the router) and, above it, the title a view asked for
// (a lead's name): the view's wins while it is mounted and not blank.
const routeTitle = ref('')
const viewTitle = ref<{ owner: symbol; text: string } | null>(null)

function render() {
  const text = viewTitle.value?.text.trim() || routeTitle.value
  document.title = text ? `${text} · ${SUFFIX}` : SUFFIX
}

/** Called by the router after each navigation with the route's `meta.title`. */
export function setRouteTitle(title: string | undefined) {
  routeTitle.value = title ?? ''
  render()
}

/**
 * Titles the browser tab after something only the view knows (e.g. the lead's name); while
 * the value is blank (still loading) the route's title stays. Ends when the view unmounts.
 */
export function usePageTitle(title: MaybeRefOrGetter<string | null | undefined>) {
  const owner = Symbol('page-title')
  watchEffect(() => {
    viewTitle.value = { owner, text: toValue(title) ?? '' }
    render()
  })
  if (getCurrentScope()) {
    onScopeDispose(() => {
      // Only clear the title this view set: the next view may already have set its own.
      if (viewTitle.value?.owner === owner) viewTitle.value = null
      render()
    })
  }
}
