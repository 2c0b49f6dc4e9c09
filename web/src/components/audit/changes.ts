// An audit entry's before/after objects as people read them: field labels, names instead of
// user ids, status and priority labels, money and dates formatted.
import { formatDateTime, humanize } from '@/format'

/** How ids and codes become words (from the users and meta stores). */
export interface Namer {
  user(id: number): string
  status(value: string): string
  priority(value: string): string
  type(value: string): string
  money(value: string): string
}

export interface ChangeRow {
  field: string
  label: string
  before: string
  after: string
}

/** Fields that follow from others (or from other records) and would repeat a change. */
const DERIVED = new Set([
  'id', 'updated_at', 'full_name', 'contacts_count', 'primary_contact', 'last_activity_at', 'next_reminder_at',
  'author_name', 'lead_name', 'lead_company', 'recipient_name', 'user_name', 'created_by_name', 'assigned_to_name',
])
const USER_FIELDS = new Set(['assigned_to', 'created_by', 'recipient', 'author', 'user', 'owner'])
const MONEY_FIELDS = new Set(['estimated_value', 'value'])
const TIME_FIELDS = new Set(['date', 'last_login', 'date_joined'])
const LABELS: Record<string, string> = {
  assigned_to: 'Assigned to',
  estimated_value: 'Estimated value',
  is_active: 'Active',
  is_primary: 'Primary contact',
  remind_at: 'Due',
  type: 'Type',
  lead: 'Lead',
}

export function fieldLabel(field: string): string {
  return LABELS[field] ?? humanize(field)
}

/** One value of `field` of an `entity` (`lead`, `reminder`, …) as text; `—` for none. */
export function fieldValue(entity: string, field: string, value: unknown, namer: Namer): string {
  if (value === null || value === undefined || value === '') return '—'
  if (typeof value === 'boolean') return value ? 'Yes' : 'No'
  if (Array.isArray(value)) return value.length ? value.map(String).join(', ') : '—'
  if (typeof value === 'object') return JSON.stringify(value)
  if (USER_FIELDS.has(field) && typeof value === 'number') return namer.user(value)
  if (field === 'lead' && typeof value === 'number') return `Lead #${value}`
  if (MONEY_FIELDS.has(field)) return namer.money(String(value))
  if (entity === 'lead' && field === 'status') return namer.status(String(value))
  if (field === 'priority') return namer.priority(String(value))
  if (entity === 'correspondence' && field === 'type') return namer.type(String(value))
  if ((field.endsWith('_at') || TIME_FIELDS.has(field)) && typeof value === 'string') return formatDateTime(value)
  if (['status', 'role', 'direction'].includes(field) && typeof value === 'string') return humanize(value)
  return String(value)
}

type Side = Record<string, unknown> | null

function side(changes: Record<string, unknown>, key: 'before' | 'after'): Side {
  const value = changes[key]
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null
}

/** The changed fields of an update; every field for a create or a delete. */
export function changeRows(entity: string, changes: Record<string, unknown>, namer: Namer): ChangeRow[] {
  const before = side(changes, 'before')
  const after = side(changes, 'after')
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])
  const rows: ChangeRow[] = []
  for (const field of keys) {
    if (DERIVED.has(field)) continue
    const old = JSON.stringify(before?.[field] ?? null)
    const now = JSON.stringify(after?.[field] ?? null)
    if (before && after && old === now) continue
    rows.push({
      field,
      label: fieldLabel(field),
      before: before ? fieldValue(entity, field, before[field], namer) : '',
      after: after ? fieldValue(entity, field, after[field], namer) : '',
    })
  }
  return rows
}

/** Who made a change: the person's name, else their username; "System" for the system. */
export function actorName(entry: { user_name?: string | null; username: string }): string {
  if (entry.user_name) return entry.user_name
  return entry.username && entry.username !== 'system' ? entry.username : 'System'
}

/**
 * The entry's summary with the person's name where the server wrote the username
 * ("manager updated lead …" → "Grace Wanjiru updated lead …").
 */
export function describeEntry(entry: { user_name?: string | null; username: string; summary: string }): string {
  const name = actorName(entry)
  if (entry.username && entry.summary.startsWith(`${entry.username} `)) {
    return `${name}${entry.summary.slice(entry.username.length)}`
  }
  return entry.summary
}
