import { ref, type Ref } from 'vue'
import { errorMessage } from '@/api/errors'

interface Result<T> {
  data?: T
  error?: unknown
}

/** Loading, error and data state around one API call, with a `reload` for retries. */
export function useLoader<T>(fetcher: () => Promise<Result<T>>, failure: string) {
  const data = ref<T | null>(null) as Ref<T | null>
  const loading = ref(false)
  const error = ref<string | null>(null)
  let latest = 0

  async function reload(): Promise<void> {
    const ticket = ++latest
    loading.value = true
    error.value = null
    try {
      const result = await fetcher()
      if (ticket !== latest) return
      if (result.data !== undefined) data.value = result.data
      else error.value = errorMessage(result.error, failure)
    } catch {
      if (ticket === latest) error.value = 'The server could not be reached.'
    } finally {
      if (ticket === latest) loading.value = false
    }
  }

  return { data, loading, error, reload }
}
