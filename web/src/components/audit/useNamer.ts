import type { Namer } from '@/components/audit/changes'
import { useMeta } from '@/stores/meta'
import { useUsers } from '@/stores/users'

/** Names from the users and meta stores (loaded once); reactive inside computed values. */
export function useNamer(): Namer {
  const meta = useMeta()
  const users = useUsers()
  void meta.load()
  void users.load()
  return {
    user: (id) => users.name(id),
    status: (value) => meta.statusLabel(value),
    priority: (value) => meta.priorityLabel(value),
    type: (value) => meta.typeLabel(value),
    money: (value) => meta.money(value),
  }
}
