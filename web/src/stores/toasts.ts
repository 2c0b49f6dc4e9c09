import { defineStore } from 'pinia'
import { ref } from 'vue'

export interface Toast {
  id: number
  kind: 'success' | 'error'
  text: string
  /** A button beside the message (e.g. Undo); it closes the toast when pressed. */
  action?: ToastAction
}

export interface ToastAction {
  label: string
  run: () => void
}

/** How long a success stays on screen; failures stay until dismissed. */
export const SUCCESS_MS = 5000
/** A success with a button (Undo) stays longer: there must be time to reach the button. */
export const ACTION_MS = 10000
/** More than this at once would cover the page; the oldest give way. */
export const MAX_TOASTS = 3

/** Short messages after an action: successes fade out, failures stay until dismissed. */
export const useToasts = defineStore('toasts', () => {
  /** Oldest first. */
  const items = ref<Toast[]>([])
  const timers = new Map<number, ReturnType<typeof setTimeout>>()
  let next = 1

  function stopTimer(id: number) {
    clearTimeout(timers.get(id))
    timers.delete(id)
  }

  function startTimer(id: number) {
    stopTimer(id)
    const toast = items.value.find((t) => t.id === id)
    timers.set(id, setTimeout(() => dismiss(id), toast?.action ? ACTION_MS : SUCCESS_MS))
  }

  function dismiss(id: number) {
    stopTimer(id)
    items.value = items.value.filter((t) => t.id !== id)
  }

  /** Closes the most recent failure (Escape); false when there is none. */
  function dismissLatestError(): boolean {
    const latest = [...items.value].reverse().find((t) => t.kind === 'error')
    if (latest) dismiss(latest.id)
    return Boolean(latest)
  }

  /** Closes every failure (the page they happened on was left). */
  function dismissErrors() {
    for (const t of items.value.filter((t) => t.kind === 'error')) dismiss(t.id)
  }

  /** While the pointer or focus is on a success, it waits (a reader may still be reading). */
  function hold(id: number) {
    if (timers.has(id)) stopTimer(id)
  }

  function release(id: number) {
    if (items.value.some((t) => t.id === id && t.kind === 'success')) startTimer(id)
  }

  function push(kind: Toast['kind'], text: string, action?: ToastAction) {
    // The same message again (a second failed click) replaces the first instead of stacking.
    for (const same of items.value.filter((t) => t.kind === kind && t.text === text)) dismiss(same.id)
    const id = next++
    items.value.push(action ? { id, kind, text, action } : { id, kind, text })
    while (items.value.length > MAX_TOASTS) {
      // Successes give way first: they would have faded anyway.
      const oldest = items.value.find((t) => t.kind === 'success' && t.id !== id) ?? items.value[0]!
      dismiss(oldest.id)
    }
    if (kind === 'success') startTimer(id)
    return id
  }

  return {
    items,
    dismiss,
    dismissLatestError,
    dismissErrors,
    hold,
    release,
    success: (text: string, action?: ToastAction) => push('success', text, action),
    error: (text: string) => push('error', text),
  }
})
