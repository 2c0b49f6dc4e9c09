import { defineStore } from 'pinia'
import { ref } from 'vue'

export interface ConfirmRequest {
  title: string
  message: string
  confirmLabel: string
  /** The button that answers no; "Cancel" when not given. */
  cancelLabel?: string
}

/** One question at a time, answered by the dialog in the app's shell. */
export const useConfirm = defineStore('confirm', () => {
  const pending = ref<ConfirmRequest | null>(null)
  let resolver: ((answer: boolean) => void) | null = null

  function ask(request: Partial<ConfirmRequest> & { message: string }): Promise<boolean> {
    resolver?.(false)
    pending.value = { title: 'Are you sure?', confirmLabel: 'Delete', ...request }
    return new Promise((resolve) => {
      resolver = resolve
    })
  }

  function answer(value: boolean) {
    pending.value = null
    const resolve = resolver
    resolver = null
    resolve?.(value)
  }

  return { pending, ask, answer }
})
