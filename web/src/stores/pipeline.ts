import { defineStore } from 'pinia'
import { ref } from 'vue'
import { errorMessage } from '@/api/errors'
import type { BoardQuery, Lead, LeadStatus } from '@/api/types'
import * as service from '@/services/leads'

/** Cards per column per request: the board's first cards, then each list page. */
export const PAGE = 50
/** The most valuable deals first. */
const ORDERING = '-estimated_value'

/** The board's filters: `assigned_to` is a user id, `me`, `none`, or '' for everyone. */
export interface PipelineFilters {
  assigned_to: string
  priority: string
  search: string
}

/** The filter controls' values: `owner` is `all`, `me`, `none` or a user id. */
export interface BoardFilterValues {
  owner: string
  priority: string
  search: string
}

/** The API's filters for the controls' values. */
export function boardFilters(values: BoardFilterValues): PipelineFilters {
  return { assigned_to: values.owner === 'all' ? '' : values.owner, priority: values.priority, search: values.search }
}

export interface BoardColumnState {
  status: LeadStatus
  /** Every matching lead of this status (from the server's counters), not only those shown. */
  count: number
  /** The exact total value, as the API writes money ("1250000.00"). */
  total: string
  cards: Lead[]
  pages: number
  /** Cards moved out since the last page was read: the server's later pages start that much earlier. */
  removed: number
  loading: boolean
  error: string | null
}

function toQuery(filters: PipelineFilters): BoardQuery {
  const query: BoardQuery = {}
  if (filters.assigned_to) query.assigned_to = filters.assigned_to
  if (filters.priority) query.priority = filters.priority
  const search = filters.search.trim()
  if (search) query.search = search
  return query
}

// Money is summed in cents as BigInt: a column's total can exceed what a double holds exactly.
function cents(value: string): bigint {
  const negative = value.startsWith('-')
  const [units = '0', fraction = ''] = value.replace('-', '').split('.')
  const amount = BigInt(units || '0') * 100n + BigInt(`${fraction}00`.slice(0, 2))
  return negative ? -amount : amount
}

function money(amount: bigint): string {
  const sign = amount < 0n ? '-' : ''
  const abs = amount < 0n ? -amount : amount
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`
}

/** Where `lead` goes in cards ordered by value, then id, both descending. */
function position(cards: Lead[], lead: Lead): number {
  const value = cents(lead.estimated_value)
  const at = cards.findIndex((c) => {
    const other = cents(c.estimated_value)
    return other < value || (other === value && c.id < lead.id)
  })
  return at < 0 ? cards.length : at
}

/**
 * The board: each column's true figures and its first cards in one request
 * (`/api/leads/board/?cards=50`); more cards per column from the list, on demand; moves
 * between columns applied at once and rolled back if the server refuses.
 */
export const usePipeline = defineStore('pipeline', () => {
  const columns = ref<BoardColumnState[]>([])
  const loading = ref(false)
  const error = ref<string | null>(null)
  let query: BoardQuery = {}
  // Answers to an older load (the filters changed meanwhile) are dropped.
  let generation = 0

  function column(status: string): BoardColumnState | undefined {
    return columns.value.find((c) => c.status === status)
  }

  /** One request paints the board: every column's figures and its first PAGE cards. */
  async function load(filters: PipelineFilters): Promise<void> {
    const mine = ++generation
    query = toQuery(filters)
    loading.value = true
    error.value = null
    const { data, error: failure } = await service.board({ ...query, cards: PAGE })
    if (mine !== generation) return
    loading.value = false
    if (!data) {
      error.value = errorMessage(failure, 'The pipeline could not be loaded.')
      return
    }
    columns.value = data.columns.map((c) => ({
      status: c.status,
      count: c.count,
      total: c.total_value,
      cards: c.leads,
      pages: 1,
      removed: 0,
      loading: false,
      error: null,
    }))
  }

  /** Reads the next cards of a column (and, after moves out of it, the page before again). */
  async function loadMore(status: LeadStatus): Promise<void> {
    const target = column(status)
    if (!target || target.loading || target.cards.length >= target.count) return
    const mine = generation
    target.loading = true
    target.error = null
    const next = target.pages + 1
    const wanted = target.removed > 0 && next > 1 ? [next - 1, next] : [next]
    const answers = await Promise.all(
      wanted.map((page) => service.list({ ...query, status, page, page_size: PAGE, ordering: ORDERING })),
    )
    if (mine !== generation) return
    target.loading = false
    const failed = answers.find((a) => !a.data)
    if (failed) {
      // A page past the end: the column shrank meanwhile, so what is shown is all there is.
      if (failed.response.status === 404) target.count = target.cards.length
      else target.error = errorMessage(failed.error, 'More leads could not be loaded.')
      return
    }
    const seen = new Set(target.cards.map((c) => c.id))
    for (const answer of answers) {
      for (const lead of answer.data?.results ?? []) {
        if (!seen.has(lead.id)) {
          seen.add(lead.id)
          target.cards.push(lead)
        }
      }
    }
    target.pages = next
    target.removed = 0
  }

  function take(from: BoardColumnState, lead: Lead) {
    from.cards = from.cards.filter((c) => c.id !== lead.id)
    from.count -= 1
    from.total = money(cents(from.total) - cents(lead.estimated_value))
  }

  function put(to: BoardColumnState, lead: Lead) {
    const cards = to.cards.filter((c) => c.id !== lead.id)
    cards.splice(position(cards, lead), 0, lead)
    to.cards = cards
    to.count += 1
    to.total = money(cents(to.total) + cents(lead.estimated_value))
  }

  /** Re-reads the columns' figures (someone else may have changed leads too). */
  async function refreshFigures(): Promise<void> {
    const mine = generation
    const { data } = await service.board(query)
    if (!data || mine !== generation) return
    for (const figures of data.columns) {
      const target = column(figures.status)
      if (!target) continue
      target.count = figures.count
      target.total = figures.total_value
    }
  }

  /**
   * Moves a lead to another column: the cards and figures change before this returns its
   * promise (so the caller can focus the moved card at once); resolves to an error message
   * if the server refused (and the move was undone).
   */
  async function move(id: number, status: LeadStatus): Promise<string | null> {
    const from = columns.value.find((c) => c.cards.some((l) => l.id === id))
    const to = column(status)
    const lead = from?.cards.find((l) => l.id === id)
    if (!from || !to || !lead || from === to) return null
    take(from, lead)
    from.removed += 1
    put(to, { ...lead, status })
    const { data, error: failure } = await service.update(id, { status })
    if (!data) {
      const moved = to.cards.find((l) => l.id === id) ?? lead
      take(to, moved)
      put(from, lead)
      from.removed -= 1
      return errorMessage(failure, 'The lead could not be moved.')
    }
    const at = to.cards.findIndex((l) => l.id === id)
    if (at >= 0) to.cards[at] = data
    await refreshFigures()
    return null
  }

  return { columns, loading, error, load, loadMore, move, column }
})
