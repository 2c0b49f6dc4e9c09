import { describe, expect, it } from 'vitest'
import { errorMessage, fieldErrors, fieldLabel } from '@/api/errors'

describe('error messages in the words of the form', () => {
  it('names each field by the label the form shows', () => {
    const body = { description: ['This field may not be blank.'], subject: ['Too long.'] }
    expect(errorMessage(body, 'failed', { description: 'What happened', subject: 'Subject line' })).toBe(
      'What happened: This field may not be blank. Subject line: Too long.',
    )
  })

  it('words a field the form has no label for instead of showing its key', () => {
    expect(errorMessage({ estimated_value: ['A valid number is required.'] })).toBe(
      'Estimated value: A valid number is required.',
    )
    expect(fieldLabel('assigned_to')).toBe('Assigned to')
    expect(fieldLabel('email', { email: 'Email address' })).toBe('Email address')
  })

  it('shows messages about the whole record without a field name', () => {
    expect(errorMessage({ non_field_errors: ['Pick a lead or a contact.'] })).toBe('Pick a lead or a contact.')
  })

  it('prefers the detail, then the fallback', () => {
    expect(errorMessage({ detail: 'Not found.' }, 'failed', { detail: 'x' })).toBe('Not found.')
    expect(errorMessage(undefined, 'The lead could not be saved.')).toBe('The lead could not be saved.')
    expect(errorMessage({}, 'failed')).toBe('failed')
  })

  it('keeps the field messages for the form', () => {
    expect(fieldErrors({ phone: ['Enter a valid phone number.'] })).toEqual({ phone: ['Enter a valid phone number.'] })
    expect(fieldErrors({ detail: 'Not found.' })).toEqual({})
  })
})
