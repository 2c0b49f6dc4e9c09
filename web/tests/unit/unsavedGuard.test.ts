/* eslint-disable vue/one-component-per-file -- two tiny pages for the router under test */
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import { useUnsavedGuard } from '@/composables/useUnsavedGuard'
import { useConfirm } from '@/stores/confirm'

beforeEach(() => setActivePinia(createPinia()))

const dirty = ref(false)
const Form = defineComponent({
  setup() {
    useUnsavedGuard(() => dirty.value)
    return () => h('form')
  },
})
const Other = defineComponent({ render: () => h('p', 'other') })

async function mountAt(path: string) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/form/:id', component: Form },
      { path: '/other', component: Other },
    ],
  })
  await router.push(path)
  const wrapper = mount(RouterView, { global: { plugins: [router] }, attachTo: document.body })
  await flushPromises()
  return { router, wrapper }
}

describe('the unsaved-changes guard', () => {
  it('lets a clean form go without a question', async () => {
    dirty.value = false
    const { router, wrapper } = await mountAt('/form/1')
    await router.push('/other')
    expect(router.currentRoute.value.path).toBe('/other')
    expect(useConfirm().pending).toBeNull()
    wrapper.unmount()
  })

  it('asks before leaving a dirty form: no stays, yes leaves', async () => {
    dirty.value = true
    const { router, wrapper } = await mountAt('/form/1')
    const confirm = useConfirm()

    const refused = router.push('/other')
    await flushPromises()
    expect(confirm.pending?.title).toBe('Discard changes?')
    confirm.answer(false)
    await refused
    expect(router.currentRoute.value.path).toBe('/form/1')

    // Another record on the same page would drop the form too; a new query would not.
    await router.push('/form/1?tab=notes')
    expect(router.currentRoute.value.fullPath).toBe('/form/1?tab=notes')
    const next = router.push('/form/2')
    await flushPromises()
    confirm.answer(false)
    await next
    expect(router.currentRoute.value.path).toBe('/form/1')

    const accepted = router.push('/other')
    await flushPromises()
    confirm.answer(true)
    await accepted
    expect(router.currentRoute.value.path).toBe('/other')
    wrapper.unmount()
  })

  it('asks the browser to confirm closing the tab only while dirty', async () => {
    dirty.value = true
    const { wrapper } = await mountAt('/form/1')
    const closing = new Event('beforeunload', { cancelable: true })
    window.dispatchEvent(closing)
    expect(closing.defaultPrevented).toBe(true)
    dirty.value = false
    const clean = new Event('beforeunload', { cancelable: true })
    window.dispatchEvent(clean)
    expect(clean.defaultPrevented).toBe(false)
    wrapper.unmount()
  })
})
