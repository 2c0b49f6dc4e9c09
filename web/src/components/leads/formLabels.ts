import type { FieldLabels } from '@/api/errors'

// The labels the lead forms show, by API field: error toasts name these, not the fields.

export const LEAD_LABELS: FieldLabels = {
  first_name: 'First name',
  last_name: 'Last name',
  company: 'Company',
  title: 'Job title',
  email: 'Email',
  phone: 'Phone',
  status: 'Status',
  priority: 'Priority',
  estimated_value: 'Estimated value',
  source: 'Source',
  assigned_to: 'Assigned to',
  description: 'Description',
  lost_reason: 'Lost reason',
}

export const CONTACT_LABELS: FieldLabels = {
  first_name: 'First name',
  last_name: 'Last name',
  position: 'Position',
  email: 'Email',
  phone: 'Phone',
  is_primary: 'Primary contact',
  lead: 'Lead',
}
