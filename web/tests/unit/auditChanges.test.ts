import { describe, expect, it } from 'vitest'
import { actorName, changeRows, describeEntry, fieldValue, type Namer } from '@/components/audit/changes'
import { formatCount } from '@/format'

const namer: Namer = {
  user: (id) => ({ 2: 'Grace Wanjiru', 3: 'Brian Otieno' })[id] ?? `User #${id}`,
  status: (v) => ({ new: 'New', contacted: 'Contacted' })[v] ?? v,
  priority: (v) => ({ high: 'High', low: 'Low' })[v] ?? v,
  type: (v) => ({ call: 'Phone call' })[v] ?? v,
  money: (v) => `Ksh ${Number(v).toLocaleString('en-KE', { minimumFractionDigits: 2 })}`,
}

describe('changeRows', () => {
  it('shows a lead update as people read it: names, labels and money', () => {
    const before = { status: 'new', priority: 'low', assigned_to: null, estimated_value: '1000.00', full_name: 'A', updated_at: '1' }
    const after = { status: 'contacted', priority: 'high', assigned_to: 3, estimated_value: '1500000.00', full_name: 'B', updated_at: '2' }
    const rows = changeRows('lead', { before, after }, namer)
    expect(rows.map((r) => `${r.label}: ${r.before} → ${r.after}`)).toEqual([
      'Status: New → Contacted',
      'Priority: Low → High',
      'Assigned to: — → Brian Otieno',
      'Estimated value: Ksh 1,000.00 → Ksh 1,500,000.00',
    ])
  })

  it('lists every field of a created record, and names the type of correspondence', () => {
    const rows = changeRows('correspondence', { before: null, after: { type: 'call', created_by: 2, is_primary: true } }, namer)
    expect(rows.map((r) => [r.label, r.before, r.after])).toEqual([
      ['Type', '', 'Phone call'],
      ['Created by', '', 'Grace Wanjiru'],
      ['Primary contact', '', 'Yes'],
    ])
  })

  it('leaves a reminder status as words, not a lead status', () => {
    expect(fieldValue('reminder', 'status', 'pending', namer)).toBe('Pending')
    expect(fieldValue('reminder', 'recipient', 2, namer)).toBe('Grace Wanjiru')
  })
})

describe('names in summaries', () => {
  it("puts the person's name where the server wrote the username", () => {
    const entry = { username: 'manager', user_name: 'Grace Wanjiru', summary: 'manager updated lead "Amina"' }
    expect(describeEntry(entry)).toBe('Grace Wanjiru updated lead "Amina"')
    expect(describeEntry({ username: 'system', user_name: null, summary: 'system updated reminder #4' })).toBe('System updated reminder #4')
    expect(actorName({ username: 'nameless', user_name: null })).toBe('nameless')
  })

  it('writes counts with thousands separators', () => {
    expect(formatCount(37556)).toBe('37,556')
    expect(formatCount(0)).toBe('0')
  })
})
