import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import { effectScope, nextTick, ref } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { Lead } from '@/api/types'
import LeadCards from '@/components/leads/LeadCards.vue'
import { setRouteTitle, usePageTitle } from '@/composables/usePageTitle'
import { applyStoredTheme, useTheme } from '@/composables/useTheme'
import { lead } from './helpers'

describe('page titles', () => {
  it('uses the route title until a view names the page, and again once the view is gone', async () => {
    setRouteTitle('Lead')
    expect(document.title).toBe('Lead · CRM')
    const name = ref('')
    const scope = effectScope()
    scope.run(() => usePageTitle(name))
    expect(document.title).toBe('Lead · CRM') // still loading: the route's title
    name.value = 'Wanjiku Kamau'
    await nextTick()
    expect(document.title).toBe('Wanjiku Kamau · CRM')
    scope.stop()
    expect(document.title).toBe('Lead · CRM')
  })

  it('keeps the next view\u2019s title when the previous view unmounts after it', () => {
    setRouteTitle('Leads')
    const first = effectScope()
    first.run(() => usePageTitle('Old lead'))
    const second = effectScope()
    second.run(() => usePageTitle('New lead'))
    first.stop()
    expect(document.title).toBe('New lead · CRM')
    second.stop()
    expect(document.title).toBe('Leads · CRM')
  })

  it('falls back to the name of the app without a route title', () => {
    setRouteTitle(undefined)
    expect(document.title).toBe('CRM')
  })
})

describe('the theme switch', () => {
  it('applies a stored choice, stores only explicit ones, and follows the system otherwise', () => {
    localStorage.setItem('crm.theme', 'dark')
    applyStoredTheme()
    const { choice, resolved, setTheme } = useTheme()
    expect(choice.value).toBe('dark')
    expect(document.documentElement.dataset.theme).toBe('dark')
    expect(resolved.value).toBe('dark')

    setTheme('light')
    expect(localStorage.getItem('crm.theme')).toBe('light')
    expect(document.documentElement.dataset.theme).toBe('light')

    setTheme('system')
    expect(localStorage.getItem('crm.theme')).toBeNull()
    expect(document.documentElement.dataset.theme).toBeUndefined()
    expect(choice.value).toBe('system')
  })
})

describe('the leads as cards', () => {
  function cards(leads: Lead[], ordering = '-created_at') {
    setActivePinia(createPinia())
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { template: '<div />' } }] })
    return mount(LeadCards, { props: { leads, ordering }, global: { plugins: [router] } })
  }

  it('shows the next step only when the API sends one, "None" when there is none', () => {
    const withNext = { ...lead(1), next_reminder_at: '2026-01-02T06:00:00Z' } as unknown as Lead
    const without = { ...lead(2), next_reminder_at: null } as unknown as Lead
    const older = lead(3) as unknown as Lead
    const wrapper = cards([withNext, without, older])
    const steps = wrapper.findAll('[data-test="lead-card"]').map((c) => c.find('[data-test="next-step"]'))
    expect(steps[0]!.text()).toMatch(/2 Jan 2026/)
    expect(steps[1]!.text()).toBe('None')
    expect(steps[2]!.exists()).toBe(false)
    expect(wrapper.find('a').attributes('href')).toBe('/leads/1')
  })

  it('picks the order from a list, keeping an order set elsewhere', async () => {
    const wrapper = cards([lead(1) as unknown as Lead], 'company')
    const select = wrapper.find('select')
    expect((select.element as HTMLSelectElement).value).toBe('company')
    await select.setValue('-estimated_value')
    expect(wrapper.emitted('order')).toEqual([['-estimated_value']])
  })
})
