import { defineStore } from 'pinia'
import { ref } from 'vue'

export interface Toast {
  id: number
  kind: 'success' | 'error'
  text: string
}

/** Short messages after an action: successes fade out, failures stay until dismissed. */
export const useToasts = defineStore('toasts', () => {
  const items = ref<Toast[]>([])
  let next = 1

  function dismiss(id: number) {
    items.value = items.value.filter((t) => t.id !== id)
  }

  function push(kind: Toast['kind'], text: string) {
    const id = next++
    items.value.push({ id, kind, text })
    if (kind === 'success') setTimeout(() => dismiss(id), 4000)
    return id
  }

  return {
    items,
    dismiss,
    success: (text: string) => push('success', text),
    error: (text: string) => push('error', text),
  }
})
