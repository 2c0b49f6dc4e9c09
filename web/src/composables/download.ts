import { authFetch } from '@/api/client'
import { errorMessage } from '@/api/errors'

/**
 * Downloads a file the API serves behind the bearer token: fetched with the token, then
 * saved through a temporary link to the blob. Returns an error message, or null.
 */
export async function downloadWithToken(url: string, fallbackName: string): Promise<string | null> {
  let response: Response
  try {
    response = await authFetch(url)
  } catch {
    return 'The server could not be reached.'
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null)
    return errorMessage(body, `The download failed (${response.status}).`)
  }
  const disposition = response.headers.get('Content-Disposition') ?? ''
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName
  let blob: Blob
  try {
    // The server aborts a download that fails half-way: nothing partial is saved.
    blob = await response.blob()
  } catch {
    return 'The download was cut short and nothing was saved. Try again.'
  }
  const href = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = href
  link.download = name
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(href), 10_000)
  return null
}
