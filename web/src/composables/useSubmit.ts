import { ref, type Ref } from 'vue'
import { errorMessage, fieldErrors, type FieldErrors, type FieldLabels } from '@/api/errors'
import { useToasts } from '@/stores/toasts'
import { focusFirstInvalid } from './formFocus'

interface Answer<T> {
  data?: T
  error?: unknown
}

/**
 * One form's save: busy while it runs, the API's field errors kept for the form (and focus
 * moved to the first), a toast either way. Resolves to the saved record, or null.
 */
export function useSubmit(form: Ref<HTMLElement | null>, labels: FieldLabels = {}) {
  const toasts = useToasts()
  const busy = ref(false)
  const errors = ref<FieldErrors>({})

  async function submit<T>(send: () => Promise<Answer<T>>, failure: string, success: (saved: T) => string): Promise<T | null> {
    busy.value = true
    let answer: Answer<T>
    try {
      answer = await send()
    } catch {
      answer = { error: { detail: 'The server could not be reached.' } }
    }
    busy.value = false
    if (answer.data === undefined) {
      errors.value = fieldErrors(answer.error)
      toasts.error(errorMessage(answer.error, failure, labels))
      void focusFirstInvalid(form)
      return null
    }
    errors.value = {}
    toasts.success(success(answer.data))
    return answer.data
  }

  return { busy, errors, submit }
}
