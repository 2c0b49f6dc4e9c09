import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import * as session from '@/api/session'
import App from '@/App.vue'
import AuditDiff from '@/components/audit/AuditDiff.vue'
import PaginationBar from '@/components/base/PaginationBar.vue'
import ContactsPanel from '@/components/leads/ContactsPanel.vue'
import ActivityList from '@/components/dashboard/ActivityList.vue'
import LeadFilters from '@/components/leads/LeadFilters.vue'
import { DEFAULT_FILTERS } from '@/composables/leadQuery'
import { makeRouter } from '@/router'
import { useAuth } from '@/stores/auth'
import { agent, fakeServer, json, manager, path } from './helpers'

beforeEach(() => {
  setActivePinia(createPinia())
  session.clearTokens()
})
afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

const emptyPage = { count: 0, next: null, previous: null, results: [] }

/** A fake API that answers the calls every page makes. */
function serve(extra: (req: Request) => Response | undefined = () => undefined) {
  return fakeServer((req) => {
    const answer = extra(req)
    if (answer) return answer
    if (path(req) === '/api/meta/')
      return json({ version: '1', currency: 'KES', statuses: [], priorities: [], correspondence_types: [] })
    if (path(req) === '/api/dashboard-stats/')
      return json({
        total_leads: 0, leads_by_status: {}, leads_by_priority: {}, total_estimated_value: '0.00',
        total_contacts: 0, recent_activity: [], upcoming_reminders: [],
      })
    if (req.method === 'GET') return json(emptyPage)
  })
}

async function mountApp(user: typeof manager | typeof agent, at: string) {
  const router = makeRouter(createMemoryHistory())
  const pinia = createPinia()
  setActivePinia(pinia)
  const auth = useAuth()
  auth.user = user
  auth.ready = true
  await router.push(at)
  const wrapper = mount(App, { global: { plugins: [pinia, router] }, attachTo: document.body })
  await router.isReady()
  await flushPromises()
  await new Promise((r) => setTimeout(r, 0))
  await flushPromises()
  return { wrapper, router }
}

describe('the role-aware shell', () => {
  it('shows an agent "not allowed" for a forced audit-log URL, and no manager links', async () => {
    serve()
    const { wrapper } = await mountApp(agent, '/audit')
    expect(wrapper.text()).toContain('Not allowed')
    const nav = wrapper.get('nav[aria-label="Main"]').text()
    expect(nav).toContain('Leads')
    expect(nav).not.toContain('Audit log')
    expect(nav).not.toContain('Users')
    wrapper.unmount()
  })

  it('opens the audit log and user admin for a manager', async () => {
    serve()
    const { wrapper } = await mountApp(manager, '/audit')
    expect(wrapper.text()).not.toContain('Not allowed')
    expect(wrapper.find('h1').text()).toBe('Audit log')
    expect(wrapper.get('nav[aria-label="Main"]').text()).toContain('Users')
    wrapper.unmount()
  })

  it('sends a signed-out visitor to the login page, remembering where they were going', async () => {
    serve()
    const router = makeRouter(createMemoryHistory())
    const pinia = createPinia()
    setActivePinia(pinia)
    await router.push('/leads/5')
    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query.next).toBe('/leads/5')
  })
})

describe('ContactsPanel', () => {
  const contacts = {
    count: 2, next: null, previous: null,
    results: [
      { id: 1, lead: 5, first_name: 'Amina', last_name: 'Ali', full_name: 'Amina Ali', email: '', phone: '', position: '', is_primary: true, created_at: '', updated_at: '' },
      { id: 2, lead: 5, first_name: 'Juma', last_name: 'Hassan', full_name: 'Juma Hassan', email: '', phone: '', position: '', is_primary: false, created_at: '', updated_at: '' },
    ],
  }

  async function mountPanel(user: typeof manager | typeof agent) {
    const { seen } = serve((req) => (path(req) === '/api/contacts/' && req.method === 'GET' ? json(contacts) : undefined))
    useAuth().user = user
    const wrapper = mount(ContactsPanel, { props: { leadId: 5 }, global: { stubs: { RouterLink: true } } })
    await flushPromises()
    return { wrapper, seen }
  }

  it('marks the primary contact and offers "make primary" for the others', async () => {
    const { wrapper } = await mountPanel(manager)
    const items = wrapper.findAll('[data-test="contact"]')
    expect(items[0]?.text()).toContain('Primary')
    expect(items[0]?.text()).not.toContain('Make primary')
    expect(items[1]?.text()).toContain('Make primary')
    expect(wrapper.findAll('button').filter((b) => b.text().startsWith('Delete'))).toHaveLength(2)
  })

  it('shows an agent no delete buttons', async () => {
    const { wrapper } = await mountPanel(agent)
    expect(wrapper.findAll('button').filter((b) => b.text().startsWith('Delete'))).toHaveLength(0)
  })

  it("shows the API's field errors next to their fields", async () => {
    const { wrapper } = await mountPanel(manager)
    vi.unstubAllGlobals()
    serve((req) =>
      req.method === 'POST' ? json({ first_name: ['This field is required.'], email: ['Enter a valid email address.'] }, 400) : undefined,
    )
    await wrapper.get('button.btn-small').trigger('click')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    const errors = wrapper.findAll('.field-error').map((e) => e.text())
    expect(errors).toEqual(['This field is required.', 'Enter a valid email address.'])
    const email = wrapper.get('input[name="contact_email"]')
    expect(email.attributes('aria-invalid')).toBe('true')
    expect(document.getElementById(email.attributes('aria-describedby')!)).toBeDefined()
  })

  it('makes a contact primary by sending that field alone', async () => {
    const { wrapper, seen } = await mountPanel(manager)
    vi.unstubAllGlobals()
    const again = serve((req) => {
      if (req.method === 'PATCH') return json({ ...contacts.results[1], is_primary: true })
      if (path(req) === '/api/contacts/' && req.method === 'GET') return json(contacts)
    })
    const make = wrapper.findAll('button').find((b) => b.text().startsWith('Make primary'))
    await make!.trigger('click')
    await flushPromises()
    const patch = again.seen.find((r) => r.method === 'PATCH')
    expect(path(patch!)).toBe('/api/contacts/2/')
    expect(await patch!.json()).toEqual({ is_primary: true })
    expect(again.seen.filter((r) => r.method === 'GET')).toHaveLength(1)
    expect(wrapper.emitted('changed')).toHaveLength(1)
    expect(seen.every((r) => r.method === 'GET')).toBe(true)
  })
})

describe('ActivityList', () => {
  it("links each change to its lead as the server names it, without asking for more", async () => {
    const { seen } = serve()
    const entry = { action: 'create', username: 'agent', timestamp: '2026-01-01T00:00:00Z' }
    const items = [
      { ...entry, id: 1, entity: 'note', entity_id: 8, summary: 'agent created note #8', lead: 5 },
      { ...entry, id: 2, entity: 'user', entity_id: 3, summary: 'agent created user ann', lead: null },
    ]
    const wrapper = mount(ActivityList, { props: { items, showSystem: false }, global: { stubs: { RouterLink: { props: ['to'], template: '<a :href="to"><slot /></a>' } } } })
    await flushPromises()
    expect(wrapper.findAll('a').map((a) => [a.text(), a.attributes('href')])).toEqual([['agent created note #8', '/leads/5']])
    expect(wrapper.text()).toContain('agent created user ann')
    expect(seen).toHaveLength(0)
  })

  it('names the person who made each change, and asks to show the system\'s entries', async () => {
    serve()
    const items = [{
      action: 'update', username: 'manager', user: 1, user_name: 'Grace Wanjiru', timestamp: '2026-01-01T00:00:00Z',
      id: 1, entity: 'lead', entity_id: 5, summary: 'manager updated lead "Amina"', lead: 5,
    }]
    const wrapper = mount(ActivityList, { props: { items, showSystem: false }, global: { stubs: { RouterLink: { props: ['to'], template: '<a :href="to"><slot /></a>' } } } })
    expect(wrapper.get('a').text()).toBe('Grace Wanjiru updated lead "Amina"')
    await wrapper.get('input[type="checkbox"]').setValue(true)
    expect(wrapper.emitted('update:showSystem')).toEqual([[true]])
  })
})

describe('LeadFilters', () => {
  it('debounces the search box into one change', async () => {
    vi.useFakeTimers()
    serve()
    const wrapper = mount(LeadFilters, { props: { filters: DEFAULT_FILTERS, debounceMs: 300 } })
    const input = wrapper.get('input[type="search"]')
    for (const text of ['w', 'wa', 'wan', 'wanj']) {
      await input.setValue(text)
      vi.advanceTimersByTime(100)
    }
    expect(wrapper.emitted('change')).toBeUndefined()
    vi.advanceTimersByTime(300)
    expect(wrapper.emitted('change')).toEqual([[{ search: 'wanj' }, true]])
  })

  it('labels every control', () => {
    serve()
    const wrapper = mount(LeadFilters, { props: { filters: DEFAULT_FILTERS } })
    for (const control of wrapper.findAll('input, select')) {
      expect(wrapper.find(`label[for="${control.attributes('id')}"]`).exists()).toBe(true)
    }
  })
})

describe('AuditDiff', () => {
  it('shows only the fields an update changed, before and after', () => {
    serve()
    const wrapper = mount(AuditDiff, {
      props: {
        entity: 'lead',
        changes: {
          before: { status: 'new', company: 'Acme', updated_at: '1' },
          after: { status: 'qualified', company: 'Acme', updated_at: '2' },
        },
      },
    })
    const rows = wrapper.findAll('tbody tr')
    expect(rows).toHaveLength(1)
    expect(rows[0]?.text()).toContain('Status')
    expect(rows[0]?.find('del').text()).toBe('New')
    expect(rows[0]?.find('ins').text()).toBe('Qualified')
  })

  it('shows every field of a created record', () => {
    serve()
    const wrapper = mount(AuditDiff, { props: { entity: 'contact', changes: { before: null, after: { first_name: 'Amina', email: '' } } } })
    expect(wrapper.findAll('tbody tr')).toHaveLength(2)
    expect(wrapper.findAll('th').map((t) => t.text())).not.toContain('Before')
  })
})

describe('PaginationBar', () => {
  it('says where the page is and moves between pages', async () => {
    const wrapper = mount(PaginationBar, { props: { page: 2, pageSize: 20, count: 45 } })
    expect(wrapper.text()).toContain('21–40 of 45')
    expect(wrapper.text()).toContain('Page 2 of 3')
    await wrapper.findAll('button')[1]?.trigger('click')
    expect(wrapper.emitted('update:page')).toEqual([[3]])
    await wrapper.get('select').setValue('50')
    expect(wrapper.emitted('update:pageSize')).toEqual([[50]])
  })
})
