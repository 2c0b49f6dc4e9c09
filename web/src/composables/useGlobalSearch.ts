// The global search box's state: the typed text, the debounced request (a newer one
// cancels the one in flight) and its results as one list of options, grouped by kind.
import { computed, onBeforeUnmount, ref, watch } from 'vue'
import type { RouteLocationRaw } from 'vue-router'
import type { SearchResults } from '@/api/types'
import { formatDate } from '@/format'
import * as search from '@/services/search'

export const DEBOUNCE_MS = 200

export interface SearchOption {
  /** Unique in the page: the element id `aria-activedescendant` points at. */
  id: string
  label: string
  detail: string
  to: RouteLocationRaw
}

export interface SearchGroup {
  key: string
  label: string
  /** One of the group, in words: "lead". */
  one: string
  options: SearchOption[]
}

/** Whether the server would look for anything: a letter or a digit. */
export function searchable(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text)
}

function joined(parts: (string | null | undefined)[]): string {
  return parts.filter((p) => p && p.trim()).join(' · ')
}

function snippet(text: string, length = 90): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat
}

/** The results as groups of options; every option opens a lead page. */
export function toGroups(results: SearchResults): SearchGroup[] {
  const lead = (id: number): RouteLocationRaw => ({ name: 'lead', params: { id: String(id) } })
  const groups: SearchGroup[] = [
    {
      key: 'leads',
      one: 'lead',
      label: 'Leads',
      options: results.leads.map((l) => ({
        id: `search-lead-${l.id}`,
        label: l.full_name || l.company || `Lead ${l.id}`,
        detail: joined([l.company, l.phone, l.email]),
        to: lead(l.id),
      })),
    },
    {
      key: 'contacts',
      one: 'contact',
      label: 'Contacts',
      options: results.contacts.map((c) => ({
        id: `search-contact-${c.id}`,
        label: c.full_name,
        detail: joined([c.position, c.phone, c.email]),
        to: lead(c.lead),
      })),
    },
    {
      key: 'notes',
      one: 'note',
      label: 'Notes',
      options: results.notes.map((n) => ({
        id: `search-note-${n.id}`,
        label: snippet(n.content),
        detail: joined([n.author_name, formatDate(n.created_at)]),
        to: lead(n.lead),
      })),
    },
  ]
  return groups.filter((g) => g.options.length > 0)
}

export function useGlobalSearch() {
  const text = ref('')
  const results = ref<SearchResults | null>(null)
  const loading = ref(false)
  const failed = ref(false)
  let timer: ReturnType<typeof setTimeout> | undefined
  let inFlight: AbortController | undefined

  function cancel() {
    clearTimeout(timer)
    inFlight?.abort()
    inFlight = undefined
  }

  async function run(q: string) {
    const controller = new AbortController()
    inFlight = controller
    try {
      const { data } = await search.everything(q, controller.signal)
      if (controller.signal.aborted) return
      results.value = data ?? null
      failed.value = !data
    } catch {
      // A cancelled request is replaced by a newer one; anything else is a failed search.
      if (controller.signal.aborted) return
      failed.value = true
      results.value = null
    } finally {
      if (inFlight === controller) loading.value = false
    }
  }

  watch(text, (value) => {
    cancel()
    failed.value = false
    if (!searchable(value)) {
      results.value = null
      loading.value = false
      return
    }
    loading.value = true
    timer = setTimeout(() => void run(value.trim()), DEBOUNCE_MS)
  })

  onBeforeUnmount(cancel)

  const groups = computed(() => (results.value ? toGroups(results.value) : []))

  /** Every option in order, with "all leads matching" last while there is text. */
  const options = computed<SearchOption[]>(() => {
    const found = groups.value.flatMap((g) => g.options)
    if (!searchable(text.value)) return found
    const q = text.value.trim()
    return [...found, { id: 'search-all-leads', label: `All leads matching “${q}”`, detail: '', to: { name: 'leads', query: { search: q } } }]
  })

  /** Resolves once the latest request has answered (at once when none is pending). */
  function settled(): Promise<void> {
    if (!loading.value) return Promise.resolve()
    return new Promise((resolve) => {
      const stop = watch(loading, (busy) => {
        if (busy) return
        stop()
        resolve()
      })
    })
  }

  function reset() {
    cancel()
    text.value = ''
    results.value = null
    loading.value = false
    failed.value = false
  }

  return { text, results, loading, failed, groups, options, settled, reset }
}
