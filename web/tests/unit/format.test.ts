import { describe, expect, it } from 'vitest'
import { formatDate, formatMoney, formatPercent, fromLocalInput, humanize, toLocalInput } from '@/format'

describe('formatting for en-KE', () => {
  it('writes money in Kenyan shillings', () => {
    const text = formatMoney('1500000.00', 'KES')
    expect(text).toMatch(/Ksh|KES/)
    expect(text).toContain('1,500,000.00')
    expect(formatMoney('not a number')).toContain('0.00')
  })

  it('writes dates day first', () => {
    expect(formatDate('2026-11-25T08:30:00Z')).toMatch(/25 Nov 2026/)
    expect(formatDate(null)).toBe('—')
  })

  it('turns datetime-local values into UTC and back', () => {
    const local = toLocalInput('2026-11-25T08:30:00Z')
    expect(fromLocalInput(local)).toBe('2026-11-25T08:30:00Z')
  })

  it('gives percentages and labels', () => {
    expect(formatPercent(2, 10)).toBe('20%')
    expect(formatPercent(0, 0)).toBe('0%')
    expect(humanize('audit_log')).toBe('Audit log')
  })
})
