// Reading the API's error bodies: `{"detail": "..."}` or `{"field": ["message", ...]}`.

export type FieldErrors = Record<string, string[]>

/** The label a form shows for each API field, e.g. `{ description: 'What happened' }`. */
export type FieldLabels = Readonly<Record<string, string>>

/** Keys whose messages concern the whole record rather than one field. */
const WHOLE_RECORD = new Set(['detail', 'non_field_errors'])

/** The field messages of a 400 body, or an empty object for any other error. */
export function fieldErrors(error: unknown): FieldErrors {
  if (!error || typeof error !== 'object' || 'detail' in error) return {}
  const out: FieldErrors = {}
  for (const [field, messages] of Object.entries(error as Record<string, unknown>)) {
    if (Array.isArray(messages)) out[field] = messages.map(String)
  }
  return out
}

/**
 * The name a person sees for an API field: the form's label when it has one, otherwise the
 * field name in words ("first_name" → "First name"), never the raw key.
 */
export function fieldLabel(field: string, labels: FieldLabels = {}): string {
  const label = labels[field]
  if (label) return label
  const words = field.replace(/_/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/**
 * One sentence for a toast: the detail, or each field's messages after the label the form
 * shows for it ("What happened: This field may not be blank.").
 */
export function errorMessage(error: unknown, fallback = 'Something went wrong.', labels: FieldLabels = {}): string {
  if (!error || typeof error !== 'object') return fallback
  if ('detail' in error && typeof error.detail === 'string') return error.detail
  const parts = Object.entries(fieldErrors(error)).map(([field, msgs]) =>
    WHOLE_RECORD.has(field) ? msgs.join(' ') : `${fieldLabel(field, labels)}: ${msgs.join(' ')}`,
  )
  return parts.length ? parts.join(' ') : fallback
}
