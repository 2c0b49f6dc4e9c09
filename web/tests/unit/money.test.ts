import { describe, expect, it } from 'vitest'
import { formatMoney } from '@/format'
import { normalizeMoney, parseMoney } from '@/money'

describe('reading money as people type it', () => {
  it.each([
    ['1500000', '1500000'],
    ['1,500,000', '1500000'],
    ['1 500 000', '1500000'],
    ['1\u00a0500\u00a0000', '1500000'],
    ['1500000.50', '1500000.50'],
    ['1,500,000.50', '1500000.50'],
    ['Ksh 1,500,000', '1500000'],
    ['KSh1,500,000.00', '1500000.00'],
    ['KES 250', '250'],
    ['1,500,000/=', '1500000'],
    ['  42  ', '42'],
    ['.5', '0.5'],
    ['12.', '12'],
    ['0', '0'],
  ])('reads %j as %j', (typed, sent) => {
    expect(parseMoney(typed)).toBe(sent)
  })

  it('reads back what the app itself shows', () => {
    expect(parseMoney(formatMoney('1500000.00', 'KES'))).toBe('1500000.00')
  })

  it('keeps a minus sign for the server to judge', () => {
    expect(parseMoney('-1,000')).toBe('-1000')
    expect(parseMoney('Ksh -5')).toBe('-5')
  })

  it.each(['', '   ', 'abc', '1,5', '15,00', '1,5000', '1.500.000', '12abc', 'Ksh', '1..2', '1,500,000.5.0'])(
    'refuses %j',
    (typed) => {
      expect(parseMoney(typed)).toBeNull()
    },
  )

  it('sends text that is not an amount as typed, so the field gets the server message', () => {
    expect(normalizeMoney(' lots ')).toBe('lots')
    expect(normalizeMoney('Ksh 1,500,000')).toBe('1500000')
  })
})
