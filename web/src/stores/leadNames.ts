import { defineStore } from 'pinia'
import { reactive } from 'vue'
import * as leads from '@/services/leads'

/** Names of leads shown by id elsewhere (reminders, activity), fetched once each. */
export const useLeadNames = defineStore('leadNames', () => {
  const names = reactive(new Map<number, string>())
  const asked = new Set<number>()

  async function ensure(ids: Iterable<number>): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !asked.has(id))
    missing.forEach((id) => asked.add(id))
    await Promise.all(
      missing.map(async (id) => {
        const { data } = await leads.get(id)
        if (data) names.set(id, data.company ? `${data.full_name} (${data.company})` : data.full_name)
      }),
    )
  }

  function remember(id: number, name: string) {
    names.set(id, name)
    asked.add(id)
  }

  return { names, ensure, remember, name: (id: number) => names.get(id) ?? `Lead #${id}` }
})
