// The lead page as one timeline with quick actions, and the leads list's next steps:
// order and kind filter, call / WhatsApp links, editing and deleting notes, Ctrl+Enter,
// the warning before a typed note is lost, "Last activity" / "Next step" columns and the
// "No next step" filter; late answers dropped, paging without repeats, Undo of a cancelled
// follow-up, focus back on Edit. Desktop and phone (390 × 844), each page scanned with axe-core.
import assert from 'node:assert/strict'
import { after, afterEach, before, describe, it } from 'node:test'
import { PHONE, apiClient, assertNoSideScroll, axeScan, launchBrowser, login, newPage, startServer } from './harness.mjs'

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

const SIZES = [
  ['desktop', undefined],
  ['phone', PHONE],
]

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

for (const [size, viewport] of SIZES) {
  describe(`the lead timeline on ${size}`, () => {
    it('shows everything newest first, filters by kind and titles the tab after the lead', async () => {
      const lead = await busyLead()
      const page = await open(viewport)
      await login(page, 'agent')
      await page.goto(`/leads/${lead.id}`)
      await items(page).nth(3).waitFor()
      assert.deepEqual(await kinds(page), ['reminder', 'status', 'note', 'call'])
      await items(page).nth(1).getByText('Status changed from').waitFor()
      assert.equal(await page.title(), `${lead.full_name} · CRM`)
      const activity = page.getByRole('region', { name: 'Activity' })
      await activity.getByRole('button', { name: 'Calls', exact: true }).click()
      await page.waitForFunction(() => [...document.querySelectorAll('[data-test="timeline-item"]')].map((el) => el.dataset.kind).join() === 'call')
      await activity.getByRole('button', { name: 'Status changes', exact: true }).click()
      await page.waitForFunction(() => [...document.querySelectorAll('[data-test="timeline-item"]')].map((el) => el.dataset.kind).join() === 'status')
      await activity.getByRole('button', { name: 'All', exact: true }).click()
      await items(page).nth(3).waitFor()
      await axeScan(page, `lead timeline (${size})`)
      await assertNoSideScroll(page, `lead timeline (${size})`)
    })

    it('keeps the quick actions in reach, with call and WhatsApp links to the lead', async () => {
      const lead = await busyLead()
      const page = await open(viewport)
      await login(page, 'agent')
      await page.goto(`/leads/${lead.id}`)
      const bar = page.getByRole('navigation', { name: 'Quick actions' })
      await bar.waitFor()
      assert.equal(await bar.getByRole('link', { name: /^☎? ?Call/ }).getAttribute('href'), 'tel:+254712345678')
      assert.equal(await bar.getByRole('link', { name: /WhatsApp/ }).getAttribute('href'), 'https://wa.me/254712345678')
      if (viewport) {
        // Scrolled to the very end and back, the bar stays on screen at the bottom.
        for (const y of [100000, 0]) {
          await page.evaluate((to) => window.scrollTo(0, to), y)
          const box = await bar.boundingBox()
          assert.ok(box && box.y >= 0 && box.y + box.height <= PHONE.height + 1, `bar at ${JSON.stringify(box)} after scrolling to ${y}`)
        }
      }
      await bar.getByRole('button', { name: 'Log a call' }).click()
      const form = page.getByRole('form', { name: 'New correspondence' })
      assert.equal(await form.getByLabel('Type', { exact: true }).inputValue(), 'call')
      await bar.getByRole('button', { name: 'Add a follow-up' }).click()
      await page.getByRole('form', { name: 'New follow-up' }).getByLabel('Title').waitFor()
      await bar.getByRole('button', { name: 'Add a note' }).click()
      await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'note')
      await axeScan(page, `quick actions (${size})`)
      await assertNoSideScroll(page, `quick actions (${size})`)
    })

    it('saves a note with Ctrl+Enter, edits it, and lets an agent delete only their own notes', async () => {
      const lead = await busyLead()
      await ok(manager('POST', '/api/notes/', { lead: lead.id, content: 'Manager note' }))
      const page = await open(viewport)
      await login(page, 'agent')
      await page.goto(`/leads/${lead.id}`)
      const own = (await ok(agent('GET', `/api/notes/?lead=${lead.id}`), 200)).results.find((n) => n.content === 'Prefers WhatsApp')
      // By key: while edited, the note's text is in a text box, not the entry's text.
      const mine = page.locator(`[data-key="note-${own.id}"]`)
      const theirs = items(page).filter({ hasText: 'Manager note' })
      await theirs.waitFor()
      assert.equal(await theirs.getByRole('button', { name: /Delete/ }).count(), 0, 'not the agent’s note')
      assert.equal(await theirs.getByRole('button', { name: /Edit/ }).count(), 0)

      await page.getByLabel('New note').fill('Called from the market, will call back')
      await page.getByLabel('New note').press('Control+Enter')
      await items(page).filter({ hasText: 'will call back' }).waitFor()
      assert.equal(await page.getByLabel('New note').inputValue(), '', 'the box empties once saved')

      await mine.getByRole('button', { name: /Edit/ }).click()
      const editBox = mine.getByLabel('Edit note')
      await editBox.fill('Prefers WhatsApp after 5 pm')
      await mine.getByRole('button', { name: 'Save note' }).click()
      await mine.getByText('Prefers WhatsApp after 5 pm', { exact: true }).waitFor()
      const notes = (await ok(agent('GET', `/api/notes/?lead=${lead.id}`), 200)).results.map((n) => n.content)
      assert.ok(notes.includes('Prefers WhatsApp after 5 pm'), notes.join(' | '))

      await mine.getByRole('button', { name: /Delete/ }).click()
      const dialog = page.getByRole('dialog')
      await dialog.getByRole('button', { name: 'Delete' }).click()
      await mine.waitFor({ state: 'detached' })
      const left = (await ok(agent('GET', `/api/notes/?lead=${lead.id}`), 200)).results.map((n) => n.content)
      assert.deepEqual(left.sort(), ['Called from the market, will call back', 'Manager note'])
      await axeScan(page, `timeline after edits (${size})`)
    })

    it('asks before leaving with a typed note', async () => {
      const lead = await busyLead()
      const page = await open(viewport)
      await login(page, 'agent')
      await page.goto(`/leads/${lead.id}`)
      await items(page).first().waitFor()
      await page.getByLabel('New note').click()
      await page.keyboard.type('Half a thought')
      await page.evaluate(() => document.querySelector('a[href="/leads"]')?.click())
      const dialog = page.getByRole('dialog', { name: 'Discard changes?' })
      await dialog.waitFor()
      await axeScan(page, `unsaved note question (${size})`)
      await dialog.getByRole('button', { name: /Keep editing|Cancel/ }).click()
      assert.match(page.url(), new RegExp(`/leads/${lead.id}$`))
      assert.equal(await page.getByLabel('New note').inputValue(), 'Half a thought')
      const asked = new Promise((resolve) =>
        page.once('dialog', async (d) => {
          resolve(d.type())
          await d.accept()
        }),
      )
      await page.close({ runBeforeUnload: true })
      assert.equal(await asked, 'beforeunload')
    })

    it('records why a lead was lost', async () => {
      const lead = await busyLead()
      const page = await open(viewport)
      await login(page, 'agent')
      await page.goto(`/leads/${lead.id}`)
      await page.getByRole('button', { name: 'Edit', exact: true }).click()
      assert.equal(await page.getByLabel('Lost reason').count(), 0, 'only for lost leads')
      await page.getByLabel('Status').selectOption('lost')
      await page.getByLabel('Lost reason').fill('Went with a competitor')
      await page.getByRole('button', { name: 'Save changes' }).click()
      await page.locator('[data-test="lost-reason"]').filter({ hasText: 'Went with a competitor' }).waitFor()
      await items(page).filter({ hasText: 'Went with a competitor' }).waitFor()
      assert.equal((await ok(agent('GET', `/api/leads/${lead.id}/`), 200)).lost_reason, 'Went with a competitor')
    })
  })

  describe(`the leads list's next steps on ${size}`, () => {
    it('filters leads with no next step, in the URL', async () => {
      const page = await open(viewport)
      await login(page, 'manager')
      await page.goto('/leads')
      await page.getByLabel('No next step').check()
      await page.waitForURL(/no_next_step=true/)
      const expected = await ok(manager('GET', '/api/leads/?no_next_step=true&page_size=100'), 200)
      assert.ok(expected.count > 0, 'the demo data has leads without a follow-up')
      const rows = viewport ? '[data-test="lead-card"]' : '[data-test="lead-row"]'
      await page.waitForFunction(
        ([sel, n]) => document.querySelectorAll(sel).length === n,
        [rows, Math.min(expected.count, 20)],
      )
      const shown = await page.locator(rows).evaluateAll((els) => els.map((el) => el.querySelector('a')?.textContent?.trim()))
      assert.deepEqual(shown, expected.results.slice(0, 20).map((l) => l.full_name))
      await page.reload()
      assert.equal(await page.getByLabel('No next step').isChecked(), true, 'kept by the URL')
      await axeScan(page, `leads with no next step (${size})`)
      await assertNoSideScroll(page, `leads with no next step (${size})`)
    })
  })
}

/** A route handler that holds the first matching request until `release()` is called. */
describe('the leads list columns on desktop', () => {
  it('sorts by last activity and by next step, leads without them last', async () => {
    const page = await open()
    await login(page, 'manager')
    await page.goto('/leads')
    const table = page.getByRole('table')
    for (const [label, field] of [['Last activity', 'last_activity_at'], ['Next step', 'next_reminder_at']]) {
      for (const ordering of [field, `-${field}`]) {
        await table.getByRole('button', { name: new RegExp(`^${label}`) }).click()
        await page.waitForURL(new RegExp(`ordering=${ordering}(&|$)`))
        const expected = await ok(manager('GET', `/api/leads/?ordering=${ordering}`), 200)
        await page.waitForFunction(
          (first) => document.querySelector('[data-test="lead-row"] a')?.textContent?.trim() === first,
          expected.results[0].full_name,
        )
        const shown = await page.locator('[data-test="lead-row"] a').allTextContents()
        assert.deepEqual(shown.map((s) => s.trim()), expected.results.map((l) => l.full_name), ordering)
        const values = expected.results.map((l) => l[field])
        const firstNull = values.indexOf(null)
        if (firstNull >= 0) assert.ok(values.slice(firstNull).every((v) => v === null), `${ordering}: nulls last`)
      }
    }
    await table.getByRole('columnheader', { name: /Next step/ }).waitFor()
    await axeScan(page, 'leads sorted by next step')
  })
})
