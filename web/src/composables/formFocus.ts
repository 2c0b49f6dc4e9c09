import { nextTick, toValue, type MaybeRefOrGetter } from 'vue'

type Root = MaybeRefOrGetter<HTMLElement | null | undefined>

const FIELDS = 'input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])'

/**
 * Moves focus to a form's first field once it is on screen (after "Edit", "Add …"). The
 * form is read after the next render, so a ref to a form that is only now shown works.
 */
export async function focusFirstField(root: Root): Promise<void> {
  await nextTick()
  toValue(root)?.querySelector<HTMLElement>(FIELDS)?.focus()
}

/**
 * After a refused submit, moves focus to the first field the server found wrong (fields
 * mark themselves with aria-invalid), so that a keyboard or screen-reader user lands on the
 * problem and hears its message. True when there was one.
 */
export async function focusFirstInvalid(root: Root): Promise<boolean> {
  await nextTick()
  const field = toValue(root)?.querySelector<HTMLElement>('[aria-invalid="true"]')
  field?.focus()
  return Boolean(field)
}
