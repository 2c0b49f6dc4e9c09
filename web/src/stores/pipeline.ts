import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { errorMessage } from '@/api/errors'
import type { Lead, LeadStatus } from '@/api/types'
import * as service from '@/services/leads'

const PAGE = 100
const MOST = 1000

/** The leads of the board, and moves between its columns (optimistic, rolled back on error). */
export const usePipeline = defineStore('pipeline', () => {
  const leads = ref<Lead[]>([])
  const loading = ref(false)
  const error = ref<string | null>(null)
  const truncated = ref(false)

  async function load(): Promise<void> {
    loading.value = true
    error.value = null
    const all: Lead[] = []
    try {
      for (let page = 1; all.length < MOST; page++) {
        const { data, error: failure } = await service.list({ page, page_size: PAGE, ordering: '-estimated_value' })
        if (!data) {
          error.value = errorMessage(failure, 'The pipeline could not be loaded.')
          return
        }
        all.push(...data.results)
        truncated.value = Boolean(data.next) && all.length >= MOST
        if (!data.next) break
      }
      leads.value = all
    } finally {
      loading.value = false
    }
  }

  const byStatus = computed(() => {
    const columns = new Map<string, Lead[]>()
    for (const lead of leads.value) {
      const column = columns.get(lead.status) ?? []
      column.push(lead)
      columns.set(lead.status, column)
    }
    return columns
  })

  /** Moves a lead to another column at once; returns an error message if the server refused. */
  async function move(id: number, status: LeadStatus): Promise<string | null> {
    const index = leads.value.findIndex((l) => l.id === id)
    const lead = leads.value[index]
    if (!lead || lead.status === status) return null
    const previous = lead.status
    leads.value[index] = { ...lead, status }
    const { data, error: failure } = await service.update(id, { status })
    const at = leads.value.findIndex((l) => l.id === id)
    if (!data) {
      const current = leads.value[at]
      if (current) leads.value[at] = { ...current, status: previous }
      return errorMessage(failure, 'The lead could not be moved.')
    }
    if (at >= 0) leads.value[at] = data
    return null
  }

  return { leads, loading, error, truncated, load, byStatus, move }
})
