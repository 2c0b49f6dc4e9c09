// The lead page's timeline on a desktop when answers come late or out of order: late answers
// dropped, paging without repeats, Undo of a cancelled follow-up, whose number the quick
// actions dial, focus back on Edit. Each page scanned with axe-core.
import assert from 'node:assert/strict'
import { after, afterEach, before, describe, it } from 'node:test'
import { apiClient, axeScan, launchBrowser, login, newPage, startServer } from './harness.mjs'

let server
let browser
let manager
let agent
const pages = []

before(async () => {
  server = await startServer()
  browser = await launchBrowser()
  manager = await apiClient(server.base, 'manager')
  agent = await apiClient(server.base, 'agent')
})

after(async () => {
  await browser?.close()
  await server?.stop()
})

async function open(options) {
  const page = await newPage(browser, server.base, options)
  pages.push(page)
  return page
}

afterEach(async () => {
  // Every page must have run without script errors or blocked resources.
  for (const page of pages.splice(0)) {
    const problems = page.problems
    await page.context().close()
    assert.deepEqual(problems, [], 'console errors or CSP violations')
  }
})

async function ok(call, status = 201) {
  const { status: got, body } = await call
  assert.equal(got, status, JSON.stringify(body))
  return body
}

let serial = 0
/** A lead with a call two days ago, a note, a status change and a follow-up tomorrow. */
async function busyLead() {
  serial += 1
  const lead = await ok(agent('POST', '/api/leads/', { first_name: `Timeline${serial}`, last_name: 'Achieng', phone: '0712 345 678' }))
  const day = 24 * 3600 * 1000
  await ok(agent('POST', '/api/correspondences/', {
    lead: lead.id, type: 'call', subject: 'Asked for prices', description: 'Wants a quote', date: new Date(Date.now() - 2 * day).toISOString(),
  }))
  await ok(agent('POST', '/api/notes/', { lead: lead.id, content: 'Prefers WhatsApp' }))
  await ok(agent('PATCH', `/api/leads/${lead.id}/`, { status: 'contacted' }), 200)
  await ok(agent('POST', '/api/reminders/', { lead: lead.id, title: 'Send the quote', remind_at: new Date(Date.now() + day).toISOString() }))
  return lead
}

const items = (page) => page.locator('[data-test="timeline-item"]')
const kinds = (page) => items(page).evaluateAll((els) => els.map((el) => el.dataset.kind))

function holdFirst(match) {
  let release
  let seen
  const released = new Promise((r) => (release = r))
  const arrived = new Promise((r) => (seen = r))
  let held = false
  const handler = async (route) => {
    if (held || !match(new URL(route.request().url()))) return route.fallback()
    held = true
    seen()
    await released
    await route.fallback()
  }
  return { handler, arrived, release }
}

/** Lets an answer that just arrived reach the page (its promise callbacks and a render). */
const settle = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 150))))

const keys = (page) => items(page).evaluateAll((els) => els.map((el) => el.dataset.key))

/** The agent's follow-ups overdue or due later today, as the navigation counts them. */
async function dueCount() {
  const now = new Date()
  const nairobi = new Date(now.toLocaleString('en-US', { timeZone: 'Africa/Nairobi' }))
  const end = new Date(nairobi)
  end.setHours(23, 59, 59, 0)
  const at = new Date(now.getTime() + (end.getTime() - nairobi.getTime())).toISOString().replace(/\.\d{3}Z$/, 'Z')
  const query = `recipient=me&completed=false&status=pending,sent,failed&remind_at_before=${at}&page_size=1`
  return (await ok(agent('GET', `/api/reminders/?${query}`), 200)).count
}

/** Some minutes from now, but before the end of the day in Nairobi (where the browser is). */
function laterToday(minutes) {
  const now = new Date()
  const nairobi = new Date(now.toLocaleString('en-US', { timeZone: 'Africa/Nairobi' }))
  const end = new Date(nairobi)
  end.setHours(23, 58, 0, 0)
  const limit = now.getTime() + (end.getTime() - nairobi.getTime())
  return new Date(Math.min(now.getTime() + minutes * 60_000, limit)).toISOString()
}

async function expectNavCount(page, expected) {
  await page.waitForFunction(
    (n) => (document.querySelector('nav [data-test="today-count"]')?.textContent ?? '0').trim().split(/\s/)[0] === String(n),
    expected,
  )
}

const focusedText = (page) => page.evaluate(() => document.activeElement?.textContent?.trim())

describe('the lead page on desktop', () => {
  it('shows only the newest filter’s entries when the filters are switched quickly', async () => {
    const lead = await busyLead()
    const page = await open()
    await login(page, 'agent')
    await page.goto(`/leads/${lead.id}`)
    await items(page).nth(3).waitFor()
    const calls = holdFirst((url) => url.pathname === `/api/leads/${lead.id}/timeline/` && url.searchParams.get('kind') === 'call')
    await page.route('**/api/leads/**', calls.handler)
    const activity = page.getByRole('region', { name: 'Activity' })
    await activity.getByRole('button', { name: 'Calls', exact: true }).click()
    await calls.arrived
    await activity.getByRole('button', { name: 'Notes', exact: true }).click()
    await page.waitForFunction(() => [...document.querySelectorAll('[data-test="timeline-item"]')].map((el) => el.dataset.kind).join() === 'note')
    const late = page.waitForResponse((r) => r.url().includes(`/api/leads/${lead.id}/timeline/`) && r.url().includes('kind=call'))
    calls.release()
    await late
    await settle(page)
    assert.deepEqual(await kinds(page), ['note'], 'the late answer for Calls is dropped')
    assert.equal(await activity.getByRole('button', { name: 'Notes', exact: true }).getAttribute('aria-pressed'), 'true')
    await axeScan(page, 'timeline after a quick filter switch')
  })

  it('shows the lead jumped to, not the one whose answer came late', async () => {
    const first = await busyLead()
    const second = await busyLead()
    await ok(agent('POST', '/api/notes/', { lead: second.id, content: 'Only on the second lead' }))
    const page = await open()
    await login(page, 'agent')
    // The first lead's answers (the lead and its timeline) are held until the second lead is open.
    const firstLead = holdFirst((url) => url.pathname === `/api/leads/${first.id}/`)
    const firstTimeline = holdFirst((url) => url.pathname === `/api/leads/${first.id}/timeline/`)
    await page.route('**/api/leads/**', firstLead.handler)
    await page.route('**/api/leads/**', firstTimeline.handler)
    const jump = async (lead) => {
      await page.keyboard.press('Control+k')
      const box = page.getByRole('combobox', { name: 'Search leads, contacts and notes' })
      await box.fill(lead.full_name)
      const results = page.getByRole('listbox', { name: 'Search results' }).getByRole('group', { name: 'Leads' })
      await results.getByRole('option', { name: new RegExp(lead.full_name) }).click()
      await page.waitForURL(new RegExp(`/leads/${lead.id}$`))
    }
    await jump(first)
    await firstLead.arrived
    await jump(second)
    await page.getByRole('heading', { name: second.full_name, level: 1 }).waitFor()
    await items(page).filter({ hasText: 'Only on the second lead' }).waitFor()
    const late = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/leads/${first.id}/`)
    firstLead.release()
    firstTimeline.release()
    await late
    await settle(page)
    await settle(page)
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), second.full_name)
    const expected = (await ok(agent('GET', `/api/leads/${second.id}/timeline/?page_size=20`), 200)).results.map((i) => `${i.kind}-${i.id}`)
    assert.deepEqual(await keys(page), expected, 'the second lead’s entries only')
    await axeScan(page, 'lead page after a jump')
  })

  it('pages older entries without repeats and reloads the pages shown in one request', async () => {
    const lead = await busyLead()
    for (let i = 1; i <= 20; i++) await ok(agent('POST', '/api/notes/', { lead: lead.id, content: `Old note ${i}` }))
    const page = await open()
    await login(page, 'agent')
    await page.goto(`/leads/${lead.id}`)
    await items(page).nth(19).waitFor()
    assert.equal(await items(page).count(), 20)
    // Someone adds an entry meanwhile: the next page by offset starts one entry earlier.
    await ok(manager('POST', '/api/notes/', { lead: lead.id, content: 'Added meanwhile' }))
    await page.getByRole('button', { name: /Show older/ }).click()
    await page.waitForFunction(() => document.querySelectorAll('[data-test="timeline-item"]').length >= 23)
    await settle(page)
    const shown = await keys(page)
    assert.equal(new Set(shown).size, shown.length, `no entry twice: ${shown.join(' ')}`)
    assert.equal(shown.length, 24, 'the 24 entries there were when the first page was read')

    const requests = []
    page.on('request', (r) => {
      if (r.url().includes(`/api/leads/${lead.id}/timeline/`)) requests.push(new URL(r.url()).searchParams)
    })
    await page.getByLabel('New note').fill('One more')
    await page.getByLabel('New note').press('Control+Enter')
    await items(page).filter({ hasText: 'One more' }).waitFor()
    await settle(page)
    assert.deepEqual(requests.map((q) => [q.get('page'), q.get('page_size')]), [['1', '40']], 'both pages again, in one request')
    assert.equal(await items(page).count(), 26)
  })

  it('cancels a follow-up with Undo in the toast, and the navigation’s count follows at once', async () => {
    const lead = await busyLead()
    const title = `Call back today ${lead.id}`
    const reminder = await ok(agent('POST', '/api/reminders/', { lead: lead.id, title, remind_at: laterToday(30) }))
    const page = await open()
    await login(page, 'agent')
    await page.goto(`/leads/${lead.id}`)
    const entry = page.locator(`[data-key="reminder-${reminder.id}"]`)
    await entry.waitFor()
    const before = await dueCount()
    assert.ok(before >= 1, 'the new follow-up is due today')
    await expectNavCount(page, before)

    await entry.getByRole('button', { name: /^Cancel follow-up/ }).click()
    const dialog = page.getByRole('dialog', { name: 'Cancel this follow-up?' })
    await dialog.getByRole('button', { name: 'Cancel follow-up' }).click()
    const toast = page.getByRole('status').filter({ hasText: `Cancelled: ${title}.` })
    await toast.waitFor()
    assert.equal((await ok(agent('GET', `/api/reminders/${reminder.id}/`), 200)).status, 'cancelled')
    await expectNavCount(page, before - 1)
    await entry.getByRole('button', { name: /^Cancel follow-up/ }).waitFor({ state: 'detached' })
    await axeScan(page, 'timeline, cancelled follow-up with Undo')

    await toast.getByRole('button', { name: 'Undo' }).click()
    await page.getByRole('status').filter({ hasText: `Restored: ${title}.` }).waitFor()
    assert.equal((await ok(agent('GET', `/api/reminders/${reminder.id}/`), 200)).status, 'pending')
    await expectNavCount(page, before)
    await entry.getByRole('button', { name: /^Cancel follow-up/ }).waitFor()

    await entry.getByRole('button', { name: /^Complete/ }).click()
    await expectNavCount(page, before - 1)
  })

  it('names whose number the call and WhatsApp links dial', async () => {
    serial += 1
    const lead = await ok(agent('POST', '/api/leads/', { first_name: `Nophone${serial}`, last_name: 'Wekesa' }))
    await ok(agent('POST', '/api/contacts/', { lead: lead.id, first_name: 'Grace', last_name: 'Njeri', phone: '0722 000 111' }))
    const page = await open()
    await login(page, 'agent')
    await page.goto(`/leads/${lead.id}`)
    const bar = page.getByRole('navigation', { name: 'Quick actions' })
    const call = bar.getByRole('link', { name: /Call/ })
    await call.waitFor()
    assert.equal(await call.getAttribute('href'), 'tel:+254722000111')
    assert.match(await call.textContent(), new RegExp(`Grace Njeri \\(primary contact of ${lead.full_name}\\) on`))
    assert.match(await bar.getByRole('link', { name: /WhatsApp/ }).textContent(), /Grace Njeri/)
  })

  it('returns focus to Edit after saving or cancelling the lead form', async () => {
    const lead = await busyLead()
    const page = await open()
    await login(page, 'agent')
    await page.goto(`/leads/${lead.id}`)
    const edit = page.getByRole('button', { name: 'Edit', exact: true })
    const details = page.getByRole('region', { name: 'Details' })

    await edit.click()
    await details.getByRole('button', { name: 'Cancel' }).click()
    await page.waitForFunction(() => document.activeElement?.textContent?.trim() === 'Edit')

    await edit.click()
    await details.getByLabel('Company').fill('Focus Traders')
    await details.getByRole('button', { name: 'Save changes' }).click()
    await page.getByRole('status').filter({ hasText: 'Lead saved.' }).waitFor()
    await page.waitForFunction(() => document.activeElement?.textContent?.trim() === 'Edit')

    await edit.click()
    await details.getByLabel('Company').fill('Never kept')
    await details.getByRole('button', { name: 'Cancel' }).click()
    await page.getByRole('dialog', { name: 'Discard changes?' }).getByRole('button', { name: 'Discard changes' }).click()
    await page.waitForFunction(() => document.activeElement?.textContent?.trim() === 'Edit')
    assert.equal(await focusedText(page), 'Edit')
    await axeScan(page, 'lead page after editing')
  })
})
