import { describe, expect, it } from 'vitest'
import { snoozeUntil } from '@/components/reminders/snooze'

describe('snooze choices', () => {
  // Wednesday 25 November 2026, 21:30 in the browser's zone.
  const now = new Date(2026, 10, 25, 21, 30, 15)

  it('moves by an hour from now', () => {
    expect(snoozeUntil('hour', now).getTime() - now.getTime()).toBe(3_600_000)
  })

  it('moves to 9:00 tomorrow', () => {
    expect(snoozeUntil('tomorrow', now)).toEqual(new Date(2026, 10, 26, 9, 0, 0))
  })

  it('moves to 9:00 next Monday, a full week ahead when today is Monday', () => {
    expect(snoozeUntil('next-week', now)).toEqual(new Date(2026, 10, 30, 9, 0, 0))
    const monday = new Date(2026, 10, 30, 8, 0)
    expect(snoozeUntil('next-week', monday)).toEqual(new Date(2026, 11, 7, 9, 0, 0))
    const sunday = new Date(2026, 10, 29, 20, 0)
    expect(snoozeUntil('next-week', sunday)).toEqual(new Date(2026, 10, 30, 9, 0, 0))
  })
})
