// Reading the API's error bodies: `{"detail": "..."}` or `{"field": ["message", ...]}`.

export type FieldErrors = Record<string, string[]>

/** The field messages of a 400 body, or an empty object for any other error. */
export function fieldErrors(error: unknown): FieldErrors {
  if (!error || typeof error !== 'object' || 'detail' in error) return {}
  const out: FieldErrors = {}
  for (const [field, messages] of Object.entries(error as Record<string, unknown>)) {
    if (Array.isArray(messages)) out[field] = messages.map(String)
  }
  return out
}

/** One sentence for a toast: the detail, or the field messages joined. */
export function errorMessage(error: unknown, fallback = 'Something went wrong.'): string {
  if (!error || typeof error !== 'object') return fallback
  if ('detail' in error && typeof error.detail === 'string') return error.detail
  const fields = fieldErrors(error)
  const parts = Object.entries(fields).map(([field, msgs]) => `${field.replace(/_/g, ' ')}: ${msgs.join(' ')}`)
  return parts.length ? parts.join(' ') : fallback
}
