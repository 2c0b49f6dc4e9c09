import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { Choice, Meta } from '@/api/types'
import { formatMoney, humanize } from '@/format'
import * as service from '@/services/meta'

/** The installation's currency and the choices of enumerated fields (`/api/meta/`). */
export const useMeta = defineStore('meta', () => {
  const meta = ref<Meta | null>(null)
  let loading: Promise<void> | null = null

  function load(): Promise<void> {
    loading ??= service.get().then(({ data }) => {
      if (data) meta.value = data
      else loading = null
    })
    return loading
  }

  const currency = computed(() => meta.value?.currency ?? 'KES')
  const statuses = computed<Choice[]>(() => meta.value?.statuses ?? fallback(['new', 'contacted', 'qualified', 'lost', 'converted']))
  const priorities = computed<Choice[]>(() => meta.value?.priorities ?? fallback(['low', 'medium', 'high']))
  const correspondenceTypes = computed<Choice[]>(
    () => meta.value?.correspondence_types ?? fallback(['email', 'call', 'meeting']),
  )

  function label(choices: Choice[], value: string): string {
    return choices.find((c) => c.value === value)?.label ?? humanize(value)
  }

  return {
    meta,
    load,
    currency,
    statuses,
    priorities,
    correspondenceTypes,
    money: (value: string | number | null | undefined) => formatMoney(value, currency.value),
    statusLabel: (value: string) => label(statuses.value, value),
    priorityLabel: (value: string) => label(priorities.value, value),
    typeLabel: (value: string) => label(correspondenceTypes.value, value),
  }
})

function fallback(values: string[]): Choice[] {
  return values.map((value) => ({ value, label: humanize(value) }))
}
