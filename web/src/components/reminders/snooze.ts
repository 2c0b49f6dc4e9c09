// The snooze choices of a follow-up, in the browser's time zone.

export type SnoozeChoice = 'hour' | 'tomorrow' | 'next-week'

export const SNOOZE_LABELS: Record<SnoozeChoice, string> = {
  hour: '1 hour',
  tomorrow: 'Tomorrow 9:00',
  'next-week': 'Next week',
}

/** 1 hour from now; tomorrow at 9:00; next Monday at 9:00 (the start of next week). */
export function snoozeUntil(choice: SnoozeChoice, now = new Date()): Date {
  if (choice === 'hour') return new Date(now.getTime() + 3_600_000)
  const at = new Date(now)
  at.setHours(9, 0, 0, 0)
  if (choice === 'tomorrow') {
    at.setDate(at.getDate() + 1)
  } else {
    const daysToMonday = ((8 - at.getDay()) % 7) || 7
    at.setDate(at.getDate() + daysToMonday)
  }
  return at
}
