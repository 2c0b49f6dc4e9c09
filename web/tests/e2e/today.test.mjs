// Follow-ups: the Today page, the count in the navigation, the due toast, and the actions
// and paging of the Reminders page.
import assert from 'node:assert/strict'
import { after, afterEach, before, describe, it } from 'node:test'
import {
  PHONE,
  apiClient,
  assertNoSideScroll,
  axeScan,
  launchBrowser,
  login,
  newPage,
  screenshot,
  startServer,
} from './harness.mjs'

let server
let browser
/** The API as the agent and as the manager. */
let agent
let manager
let agentId
let lead
const pages = []

before(async () => {
  server = await startServer()
  browser = await launchBrowser()
  agent = await apiClient(server.base, 'agent')
  manager = await apiClient(server.base, 'manager')
  agentId = (await agent('GET', '/api/auth/me/')).body.id
  lead = (await agent('POST', '/api/leads/', { first_name: 'Amina', last_name: 'Odhiambo', company: 'Jua Kali Works' })).body
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

const minutes = (n) => new Date(Date.now() + n * 60_000).toISOString()

/** A time later today in the browser's zone (the tests run the browser in Nairobi). */
function laterToday(n) {
  const at = new Date(Date.now() + n * 60_000)
  const endOfDay = new Date(new Date().toLocaleString('en-US', { timeZone: 'Africa/Nairobi' }))
  endOfDay.setHours(23, 58, 0, 0)
  const offset = Date.now() - new Date(new Date().toLocaleString('en-US', { timeZone: 'Africa/Nairobi' })).getTime()
  const limit = new Date(endOfDay.getTime() + offset)
  return (at < limit ? at : limit).toISOString()
}

async function remind(title, remindAt, as = agent, body = {}) {
  const { status, body: created } = await as('POST', '/api/reminders/', { lead: lead.id, title, remind_at: remindAt, ...body })
  assert.equal(status, 201, JSON.stringify(created))
  return created
}

async function count(query) {
  return (await agent('GET', `/api/reminders/?${query}&page_size=1`)).body.count
}

/** The agent's count of follow-ups overdue or due later today, as the navigation shows it. */
async function dueCount() {
  const end = new Date(laterToday(24 * 60)).toISOString().replace(/\.\d{3}Z$/, 'Z')
  return count(`recipient=me&completed=false&status=pending,sent,failed&remind_at_before=${end}`)
}

function navCount(page) {
  return page.getByRole('navigation', { name: 'Main' }).locator('[data-test="today-count"]')
}

async function expectNavCount(page, expected) {
  await page.waitForFunction(
    (n) => (document.querySelector('nav [data-test="today-count"]')?.textContent ?? '0').trim().split(/\s/)[0] === String(n),
    expected,
  )
  assert.match(await navCount(page).innerText(), new RegExp(`^${expected}\\b`))
}

function item(region, title) {
  return region.locator('[data-test="reminder"]').filter({ hasText: title })
}

describe('the Today page', () => {
  it('lists my overdue and due-today follow-ups with exact counts, and completing one drops the count', async () => {
    const overdue = await remind('Call Amina about the quote', minutes(-120))
    await remind('Send Amina the contract', laterToday(20))
    await remind('Not mine: the manager’s call', minutes(-60), manager)

    const page = await open()
    await login(page, 'agent')
    await page.getByRole('link', { name: /^Today/ }).click()
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor()
    const overdueList = page.getByRole('region', { name: 'Overdue' })
    const todayList = page.getByRole('region', { name: 'Due today' })
    await item(overdueList, 'Call Amina about the quote').waitFor()
    await item(todayList, 'Send Amina the contract').waitFor()
    assert.equal(await item(overdueList, 'Not mine').count(), 0)

    const overdueCount = await count('recipient=me&overdue=true')
    const todayCount = await count(`recipient=me&upcoming=true&remind_at_before=${laterToday(24 * 60)}`)
    assert.equal(await overdueList.locator('[data-test="count-overdue"]').innerText(), overdueCount.toLocaleString('en-KE'))
    assert.equal(await todayList.locator('[data-test="count-today"]').innerText(), todayCount.toLocaleString('en-KE'))
    const due = await dueCount()
    assert.equal(due, overdueCount + todayCount)
    await expectNavCount(page, due)
    // The overdue section comes first, the most recently due at the top.
    const sections = await page.locator('[data-test^="list-"]').evaluateAll((els) => els.map((e) => e.dataset.test))
    assert.deepEqual(sections, ['list-overdue', 'list-today'])
    const times = await overdueList.locator('[data-test="reminder"] time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime')))
    assert.deepEqual(times, [...times].sort().reverse())
    // Its lead is named, and can be opened.
    const row = item(overdueList, 'Call Amina about the quote')
    await row.getByText('Amina Odhiambo (Jua Kali Works)').waitFor()
    await row.locator('[data-test="reminder-state"]').filter({ hasText: 'Overdue' }).waitFor()
    await axeScan(page, 'today')
    await screenshot(page, 'today')

    await row.getByRole('button', { name: /^Complete/ }).click()
    await row.waitFor({ state: 'detached' })
    await expectNavCount(page, due - 1)
    const after = (await agent('GET', `/api/reminders/${overdue.id}/`)).body
    assert.ok(after.completed_at, 'completed on the server')

    await row.waitFor({ state: 'detached' })
    await item(todayList, 'Send Amina the contract').getByRole('link', { name: /^Open lead/ }).click()
    await page.waitForURL(new RegExp(`/leads/${lead.id}$`))
  })

  it('snoozes an overdue follow-up for an hour, out of the overdue list', async () => {
    const r = await remind('Chase the deposit', minutes(-30))
    const page = await open()
    await login(page, 'agent')
    await page.goto('/today')
    const overdueList = page.getByRole('region', { name: 'Overdue' })
    const row = item(overdueList, 'Chase the deposit')
    await row.getByRole('button', { name: /^Snooze/ }).click()
    const choices = row.getByRole('group', { name: /^Snooze Chase the deposit until/ })
    await axeScan(page, 'today, snooze choices open')
    const before = Date.now()
    await choices.getByRole('button', { name: '1 hour' }).click()
    await row.waitFor({ state: 'detached' })
    const after = (await agent('GET', `/api/reminders/${r.id}/`)).body
    assert.equal(after.status, 'pending')
    const moved = new Date(after.remind_at).getTime()
    assert.ok(moved >= before + 3_540_000 && moved <= Date.now() + 3_660_000, after.remind_at)
    await page.getByRole('status').filter({ hasText: /Snoozed until/ }).waitFor()
  })

  it('snoozes to a picked time, also after the email went out', async () => {
    const r = await remind('Confirm the site visit', minutes(-10))
    // The dispatcher emails a due reminder within seconds; it is still overdue after that.
    for (let i = 0; i < 50 && (await agent('GET', `/api/reminders/${r.id}/`)).body.status !== 'sent'; i++) {
      await new Promise((ok) => setTimeout(ok, 200))
    }
    const page = await open()
    await login(page, 'agent')
    await page.goto('/today')
    const row = item(page.getByRole('region', { name: 'Overdue' }), 'Confirm the site visit')
    // Sent but not done is overdue, not a green "Sent".
    await row.locator('[data-test="reminder-state"]').filter({ hasText: 'Overdue' }).waitFor()
    assert.equal(await row.getByText('Sent', { exact: true }).count(), 0)
    await row.getByText('email sent').waitFor()
    await row.getByRole('button', { name: /^Snooze/ }).click()
    await row.getByRole('button', { name: 'Pick a time…' }).click()
    await row.getByLabel('New time for Confirm the site visit').fill('2031-03-14T10:30')
    await row.getByRole('button', { name: 'Set' }).click()
    await row.waitFor({ state: 'detached' })
    const after = (await agent('GET', `/api/reminders/${r.id}/`)).body
    assert.equal(after.status, 'pending')
    assert.equal(after.remind_at, '2031-03-14T07:30:00Z')
  })

  it('toasts once when one of my follow-ups comes due while the app is open', async () => {
    const page = await open()
    await login(page, 'agent')
    await page.goto('/today')
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor()
    const start = await dueCount()
    await expectNavCount(page, start)
    await remind('Ring Amina back', new Date(Date.now() + 5_000).toISOString())
    // Coming back to the tab refreshes at once (otherwise the next minute's poll would).
    await page.evaluate(() => window.dispatchEvent(new Event('focus')))
    const toast = page.getByRole('status').filter({ hasText: 'Follow-up due: Ring Amina back — Amina Odhiambo' })
    await toast.waitFor({ timeout: 15_000 })
    await expectNavCount(page, start + 1)
    await item(page.getByRole('region', { name: 'Overdue' }), 'Ring Amina back').waitFor()
    // Once: another refresh does not repeat it.
    await toast.getByRole('button', { name: 'Close message' }).click()
    const refreshed = page.waitForResponse((r) => r.url().includes('remind_at_after='))
    await page.evaluate(() => window.dispatchEvent(new Event('focus')))
    await refreshed
    await page.waitForTimeout(300)
    assert.equal(await page.getByText('Follow-up due: Ring Amina back').count(), 0)
  })

  it('announces a follow-up in one tab only when two are open', async () => {
    const first = await open()
    await login(first, 'agent')
    await first.goto('/today')
    const second = await first.context().newPage()
    await second.goto('/leads')
    await second.getByRole('heading', { name: 'Leads', level: 1 }).waitFor()
    await remind('Two tabs, one toast', new Date(Date.now() + 4_000).toISOString())
    for (const tab of [first, second]) await tab.evaluate(() => window.dispatchEvent(new Event('focus')))
    const text = 'Follow-up due: Two tabs, one toast'
    await Promise.any([first, second].map((tab) => tab.getByText(text).waitFor({ timeout: 15_000 })))
    // Both tabs refreshed at that moment; give the later one time to show a duplicate.
    await first.waitForTimeout(1500)
    const shown = (await first.getByText(text).count()) + (await second.getByText(text).count())
    assert.equal(shown, 1)
  })

  it('lets a manager see everyone’s follow-ups, with whose they are', async () => {
    await remind('For the agent from the manager', minutes(-45), manager, { recipient: agentId })
    const page = await open()
    await login(page, 'manager')
    await page.goto('/today')
    const overdueList = page.getByRole('region', { name: 'Overdue' })
    await overdueList.locator('[data-test="reminder"], [role="status"]').first().waitFor()
    assert.equal(await item(overdueList, 'For the agent from the manager').count(), 0)
    await page.getByRole('button', { name: /^Everyone/ }).click()
    await page.waitForURL(/who=everyone/)
    const row = item(overdueList, 'For the agent from the manager')
    await row.getByText(/ · for /).waitFor()
    const everyone = (await manager('GET', '/api/reminders/?overdue=true&page_size=1')).body.count
    assert.equal(await overdueList.locator('[data-test="count-overdue"]').innerText(), everyone.toLocaleString('en-KE'))
  })
})

describe('the Reminders page', () => {
  it('pages through follow-ups with one request per page and no lead look-ups', async () => {
    for (let i = 1; i <= 23; i++) await remind(`Batch follow-up ${String(i).padStart(2, '0')}`, minutes(60 * 24 * 3 + i))
    const page = await open()
    await login(page, 'agent')
    const lists = []
    const leadFetches = []
    page.on('request', (req) => {
      const url = new URL(req.url())
      if (/^\/api\/leads\/\d+\/?$/.test(url.pathname)) leadFetches.push(url.pathname)
      // The navigation's own refreshes read one row or a time window; the page's lists do not.
      if (url.pathname === '/api/reminders/' && url.searchParams.get('page_size') !== '1' && !url.searchParams.has('remind_at_after')) {
        lists.push(url.search)
      }
    })
    await page.getByRole('link', { name: 'Reminders', exact: true }).click()
    const upcoming = page.getByRole('region', { name: 'Upcoming' })
    await upcoming.locator('[data-test="reminder"]').first().waitFor()
    // Give any further request (a per-reminder look-up) time to show.
    await page.waitForTimeout(800)
    assert.equal(lists.length, 2, `one request per list: ${lists.join(' | ')}`)
    assert.deepEqual(leadFetches, [])
    const total = await count('recipient=me&upcoming=true')
    assert.ok(total > 20)
    assert.equal(await upcoming.locator('[data-test="reminder"]').count(), 20)
    await upcoming.getByText(`1–20 of ${total}`).waitFor()
    await axeScan(page, 'reminders')

    lists.length = 0
    await upcoming.getByRole('button', { name: 'Next' }).click()
    await upcoming.getByText(`21–${Math.min(40, total)} of ${total}`).waitFor()
    await page.waitForTimeout(800)
    assert.equal(lists.length, 1, lists.join(' | '))
    assert.match(lists[0], /page=2/)
    assert.deepEqual(leadFetches, [])
    await screenshot(page, 'reminders-paged')
  })

  it('asks before cancelling, and Undo in the toast restores the follow-up', async () => {
    const r = await remind('Cancel me maybe', minutes(60 * 24 * 2))
    const page = await open()
    await login(page, 'agent')
    await page.goto('/reminders')
    const upcoming = page.getByRole('region', { name: 'Upcoming' })
    // Soonest first: two days ahead comes before the batch of the paging test.
    const row = upcoming.locator('[data-test="reminder"]').filter({ hasText: 'Cancel me maybe' })
    await row.waitFor()

    await row.getByRole('button', { name: /^Cancel/ }).click()
    const dialog = page.getByRole('dialog', { name: 'Cancel this follow-up?' })
    await dialog.waitFor()
    await axeScan(page, 'reminders, confirm cancel')
    await dialog.getByRole('button', { name: 'Keep it' }).click()
    await dialog.waitFor({ state: 'hidden' })
    assert.equal((await agent('GET', `/api/reminders/${r.id}/`)).body.status, 'pending', 'kept when not confirmed')

    await row.getByRole('button', { name: /^Cancel/ }).click()
    await dialog.getByRole('button', { name: 'Cancel follow-up' }).click()
    await row.waitFor({ state: 'detached' })
    assert.equal((await agent('GET', `/api/reminders/${r.id}/`)).body.status, 'cancelled')
    const toast = page.getByRole('status').filter({ hasText: 'Cancelled: Cancel me maybe.' })
    await toast.getByRole('button', { name: 'Undo' }).click()
    await page.getByRole('status').filter({ hasText: 'Restored: Cancel me maybe.' }).waitFor()
    await row.waitFor()
    assert.equal((await agent('GET', `/api/reminders/${r.id}/`)).body.status, 'pending')
  })
})

describe('on a phone', () => {
  it('fits the Today and Reminders pages in 390 × 844 with their actions in reach', async () => {
    await remind('Phone follow-up', minutes(-20))
    const page = await open(PHONE)
    await login(page, 'agent')
    await page.goto('/today')
    const row = item(page.getByRole('region', { name: 'Overdue' }), 'Phone follow-up')
    await row.getByRole('button', { name: /^Snooze/ }).click()
    await row.getByRole('button', { name: 'Pick a time…' }).click()
    await row.getByLabel('New time for Phone follow-up').waitFor()
    // The navigation is behind the menu button on a phone: the button carries the count.
    await page.getByRole('button', { name: /^Menu\s*\d+ due$/ }).waitFor()
    await assertNoSideScroll(page, 'today on a phone')
    await axeScan(page, 'today on a phone')
    await screenshot(page, 'today-phone')
    for (const button of ['Complete', 'Snooze', 'Open lead']) {
      const box = await row.getByRole(button === 'Open lead' ? 'link' : 'button', { name: new RegExp(`^${button}`) }).boundingBox()
      assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width, `${button} is on screen`)
    }
    await page.goto('/reminders')
    await page.getByRole('region', { name: 'Upcoming' }).locator('[data-test="reminder"]').first().waitFor()
    await assertNoSideScroll(page, 'reminders on a phone')
    await axeScan(page, 'reminders on a phone')
    await screenshot(page, 'reminders-phone')
  })
})
