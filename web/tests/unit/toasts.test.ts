import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ACTION_MS, MAX_TOASTS, SUCCESS_MS, useToasts } from '@/stores/toasts'

beforeEach(() => {
  setActivePinia(createPinia())
  vi.useFakeTimers()
})
afterEach(() => vi.useRealTimers())

const texts = (toasts: ReturnType<typeof useToasts>) => toasts.items.map((t) => t.text)

describe('the toasts', () => {
  it('closes a success by itself and keeps a failure until it is closed', () => {
    const toasts = useToasts()
    toasts.success('Saved.')
    const failure = toasts.error('Failed.')
    vi.advanceTimersByTime(SUCCESS_MS - 1)
    expect(texts(toasts)).toEqual(['Saved.', 'Failed.'])
    vi.advanceTimersByTime(1)
    expect(texts(toasts)).toEqual(['Failed.'])
    vi.advanceTimersByTime(60_000)
    expect(texts(toasts)).toEqual(['Failed.'])
    toasts.dismiss(failure)
    expect(texts(toasts)).toEqual([])
  })

  it('gives a success with a button (Undo) longer', () => {
    const toasts = useToasts()
    toasts.success('Cancelled.', { label: 'Undo', run: () => {} })
    vi.advanceTimersByTime(SUCCESS_MS)
    expect(texts(toasts)).toEqual(['Cancelled.'])
    vi.advanceTimersByTime(ACTION_MS - SUCCESS_MS)
    expect(texts(toasts)).toEqual([])
  })

  it(`shows at most ${MAX_TOASTS}, letting successes give way first`, () => {
    const toasts = useToasts()
    toasts.error('E1')
    toasts.success('S1')
    toasts.error('E2')
    toasts.error('E3')
    expect(texts(toasts)).toEqual(['E1', 'E2', 'E3'])
    toasts.success('S2')
    expect(texts(toasts)).toEqual(['E2', 'E3', 'S2'])
  })

  it('shows a repeated message once, as the newest', () => {
    const toasts = useToasts()
    toasts.error('Failed.')
    toasts.error('Other.')
    toasts.error('Failed.')
    expect(texts(toasts)).toEqual(['Other.', 'Failed.'])
  })

  it('closes the latest failure on Escape', () => {
    const toasts = useToasts()
    toasts.error('E1')
    toasts.error('E2')
    toasts.success('S1')
    expect(toasts.dismissLatestError()).toBe(true)
    expect(texts(toasts)).toEqual(['E1', 'S1'])
    toasts.dismissLatestError()
    expect(toasts.dismissLatestError()).toBe(false)
  })

  it('drops the failures, not the successes, when the page is left', () => {
    const toasts = useToasts()
    toasts.error('E1')
    toasts.success('S1')
    toasts.error('E2')
    toasts.dismissErrors()
    expect(texts(toasts)).toEqual(['S1'])
  })

  it('waits while a success is held and closes it after release', () => {
    const toasts = useToasts()
    const id = toasts.success('Saved.')
    toasts.hold(id)
    vi.advanceTimersByTime(SUCCESS_MS * 2)
    expect(texts(toasts)).toEqual(['Saved.'])
    toasts.release(id)
    vi.advanceTimersByTime(SUCCESS_MS)
    expect(texts(toasts)).toEqual([])
  })
})
