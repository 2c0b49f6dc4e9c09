import { ref, type Ref } from 'vue'
import { errorMessage, fieldErrors, type FieldErrors, type FieldLabels } from '@/api/errors'
import { useConfirm } from '@/stores/confirm'
import { useToasts } from '@/stores/toasts'
import { focusFirstInvalid } from './formFocus'
import { useLoader } from './useLoader'

/** What a service call resolves to (openapi-fetch's answer). */
interface Answer<T> {
  data?: T
  error?: unknown
  response?: Response
}

const UNREACHABLE = { detail: 'The server could not be reached.' }

/** A network failure becomes an error answer, so that it ends in a toast like any other. */
async function attempt<T>(send: () => Promise<Answer<T>>): Promise<Answer<T>> {
  try {
    return await send()
  } catch {
    return { error: UNREACHABLE }
  }
}

export interface AddTexts<T> {
  failure: string
  success: (created: T) => string
  /** Runs once the record is saved, before the list reloads (e.g. to close the form). */
  done?: (created: T) => void
}

export interface PanelOptions {
  /** The labels the panel's form shows, so that error toasts name them (not API fields). */
  labels?: FieldLabels
  /** The panel's form: a refused add moves focus to its first field in error. */
  form?: Ref<HTMLElement | null>
}

export interface ChangeTexts {
  failure: string
  success: string
}

export interface RemoveTexts extends ChangeTexts {
  /** The question the user confirms first. */
  confirm: string
}

/**
 * The flow the panels of a lead's page share: the list, loaded at once and retried on
 * demand; adding, with the API's field errors kept for the form; changing and deleting
 * (after a confirmation). Every outcome ends in a toast, every success in a reload and
 * then `changed` (for panels whose changes show elsewhere on the page).
 */
export function useLeadPanel<L>(
  load: () => Promise<Answer<L>>,
  loadFailure: string,
  changed?: () => void,
  options: PanelOptions = {},
) {
  const toasts = useToasts()
  const confirm = useConfirm()
  const { data, loading, error, reload } = useLoader(load, loadFailure)
  void reload()

  const labels = options.labels ?? {}
  const busy = ref(false)
  const errors = ref<FieldErrors>({})

  async function succeeded(message: string) {
    toasts.success(message)
    await reload()
    changed?.()
  }

  /** Sends a new record; returns it, or null when refused (its field errors then in `errors`). */
  async function add<T>(send: () => Promise<Answer<T>>, texts: AddTexts<T>): Promise<T | null> {
    busy.value = true
    const answer = await attempt(send)
    busy.value = false
    if (answer.data === undefined) {
      errors.value = fieldErrors(answer.error)
      toasts.error(errorMessage(answer.error, texts.failure, labels))
      if (options.form) void focusFirstInvalid(options.form)
      return null
    }
    errors.value = {}
    texts.done?.(answer.data)
    await succeeded(texts.success(answer.data))
    return answer.data
  }

  /** Sends a change to a listed record; true when the server kept it. */
  async function change(send: () => Promise<Answer<unknown>>, texts: ChangeTexts): Promise<boolean> {
    const answer = await attempt(send)
    if (answer.data === undefined) {
      toasts.error(errorMessage(answer.error, texts.failure, labels))
      return false
    }
    await succeeded(texts.success)
    return true
  }

  /** Asks first, then deletes; true when the record is gone. */
  async function remove(send: () => Promise<Answer<unknown>>, texts: RemoveTexts): Promise<boolean> {
    if (!(await confirm.ask({ message: texts.confirm }))) return false
    const answer = await attempt(send)
    if (!answer.response?.ok) {
      toasts.error(errorMessage(answer.error, texts.failure, labels))
      return false
    }
    await succeeded(texts.success)
    return true
  }

  return { data, loading, error, reload, busy, errors, add, change, remove }
}
