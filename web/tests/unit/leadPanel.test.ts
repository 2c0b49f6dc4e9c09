import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ref } from 'vue'
import { useLeadPanel } from '@/composables/useLeadPanel'
import * as contacts from '@/services/contacts'
import { useConfirm } from '@/stores/confirm'
import { useToasts } from '@/stores/toasts'
import { fakeServer, json, path } from './helpers'

beforeEach(() => setActivePinia(createPinia()))
afterEach(() => vi.unstubAllGlobals())

const amina = { id: 1, lead: 5, first_name: 'Amina', full_name: 'Amina Ali', is_primary: true }

/** A fake contacts API for lead 5; `answer` decides the writes. */
function serve(answer: (req: Request) => Response | undefined = () => undefined) {
  return fakeServer((req) => {
    if (req.method === 'GET' && path(req) === '/api/contacts/') return json({ count: 1, next: null, previous: null, results: [amina] })
    return answer(req)
  })
}

function texts(toasts: ReturnType<typeof useToasts>) {
  return toasts.items.map((t) => `${t.kind}: ${t.text}`)
}

describe('the lead panel flow', () => {
  it('loads the list at once', async () => {
    const { seen } = serve()
    const panel = useLeadPanel(() => contacts.ofLead(5), 'The contacts could not be loaded.')
    await flushPromises()
    expect(panel.data.value?.results).toEqual([amina])
    expect(new URL(seen[0]!.url).search).toBe('?lead=5&page_size=100')
  })

  it('keeps the field errors of a refused record and says why, without reloading', async () => {
    const { seen } = serve(() => json({ first_name: ['This field is required.'] }, 400))
    const changed = vi.fn()
    const panel = useLeadPanel(() => contacts.ofLead(5), 'failed', changed)
    await flushPromises()
    const done = vi.fn()
    const created = await panel.add(() => contacts.create({ lead: 5, first_name: '' }), {
      failure: 'The contact could not be added.',
      success: () => 'added',
      done,
    })
    expect(created).toBeNull()
    expect(panel.errors.value).toEqual({ first_name: ['This field is required.'] })
    expect(texts(useToasts())).toEqual(['error: First name: This field is required.'])
    expect(done).not.toHaveBeenCalled()
    expect(changed).not.toHaveBeenCalled()
    expect(seen.filter((r) => r.method === 'GET')).toHaveLength(1)
    expect(panel.busy.value).toBe(false)
  })

  it("names the form's labels in the toast and focuses the first field in error", async () => {
    serve(() => json({ phone: ['Enter a valid phone number.'], first_name: ['This field is required.'] }, 400))
    const form = document.createElement('form')
    form.innerHTML = '<input name="a"><input name="b" aria-invalid="true"><input name="c" aria-invalid="true">'
    document.body.append(form)
    const panel = useLeadPanel(() => contacts.ofLead(5), 'failed', undefined, {
      labels: { first_name: 'Given name', phone: 'Mobile' },
      form: ref(form),
    })
    await flushPromises()
    await panel.add(() => contacts.create({ lead: 5, first_name: '' }), { failure: 'failed', success: () => 'added' })
    await flushPromises()
    expect(texts(useToasts())).toEqual(['error: Mobile: Enter a valid phone number. Given name: This field is required.'])
    expect(document.activeElement).toBe(form.elements.namedItem('b'))
    form.remove()
  })

  it('adds a record, clears the errors, reloads and tells the page', async () => {
    const { seen } = serve((req) => (req.method === 'POST' ? json({ ...amina, id: 2, full_name: 'Juma Hassan' }, 201) : undefined))
    const changed = vi.fn()
    const panel = useLeadPanel(() => contacts.ofLead(5), 'failed', changed)
    await flushPromises()
    panel.errors.value = { first_name: ['old'] }
    const done = vi.fn()
    const created = await panel.add(() => contacts.create({ lead: 5, first_name: 'Juma' }), {
      failure: 'failed',
      success: (c) => `Contact "${c.full_name}" added.`,
      done,
    })
    expect(created?.id).toBe(2)
    expect(done).toHaveBeenCalledWith(created)
    expect(panel.errors.value).toEqual({})
    expect(texts(useToasts())).toEqual(['success: Contact "Juma Hassan" added.'])
    expect(seen.filter((r) => r.method === 'GET')).toHaveLength(2)
    expect(changed).toHaveBeenCalledOnce()
  })

  it('deletes only after the user confirms', async () => {
    const { seen } = serve((req) => (req.method === 'DELETE' ? json(null, 204) : undefined))
    const panel = useLeadPanel(() => contacts.ofLead(5), 'failed')
    await flushPromises()
    const confirm = useConfirm()
    const asked = { confirm: 'Delete the contact "Amina Ali"?', failure: 'failed', success: 'Contact deleted.' }

    const declined = panel.remove(() => contacts.remove(1), asked)
    expect(confirm.pending?.message).toBe('Delete the contact "Amina Ali"?')
    confirm.answer(false)
    expect(await declined).toBe(false)
    expect(seen.some((r) => r.method === 'DELETE')).toBe(false)

    const accepted = panel.remove(() => contacts.remove(1), asked)
    confirm.answer(true)
    expect(await accepted).toBe(true)
    expect(seen.filter((r) => r.method === 'DELETE').map(path)).toEqual(['/api/contacts/1/'])
    expect(texts(useToasts())).toEqual(['success: Contact deleted.'])
  })

  it("reports a refused change in the server's words and an unreachable server plainly", async () => {
    serve((req) => (req.method === 'PATCH' ? json({ detail: 'You do not have permission to perform this action.' }, 403) : undefined))
    const panel = useLeadPanel(() => contacts.ofLead(5), 'failed')
    await flushPromises()
    expect(await panel.change(() => contacts.update(1, { is_primary: true }), { failure: 'f', success: 's' })).toBe(false)
    const offline = () => Promise.reject(new TypeError('Failed to fetch'))
    expect(await panel.change(offline, { failure: 'f', success: 's' })).toBe(false)
    expect(texts(useToasts())).toEqual([
      'error: You do not have permission to perform this action.',
      'error: The server could not be reached.',
    ])
  })
})
