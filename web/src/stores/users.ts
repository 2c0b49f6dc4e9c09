import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { UserView } from '@/api/types'
import * as service from '@/services/users'

/** Everyone who can be assigned a lead or a reminder, for pickers and names. */
export const useUsers = defineStore('users', () => {
  const all = ref<UserView[]>([])
  let loading: Promise<void> | null = null

  function load(force = false): Promise<void> {
    if (force) loading = null
    loading ??= service.all().then(({ data }) => {
      if (data) all.value = data.results
      else loading = null
    })
    return loading
  }

  function name(id: number | null | undefined): string {
    if (id == null) return 'Unassigned'
    const user = all.value.find((u) => u.id === id)
    return user ? user.full_name.trim() || user.username : `User #${id}`
  }

  return { all, load, name }
})
