// The web app in real Chromium against a real server with the demo data.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, afterEach, before, describe, it } from 'node:test'
import { apiAs, launchBrowser, login, newPage, screenshot, startServer } from './harness.mjs'

let server
let browser
const pages = []

before(async () => {
  server = await startServer()
  browser = await launchBrowser()
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

describe('signing in', () => {
  it('refuses a wrong password with the server message', async () => {
    const page = await open()
    await page.goto('/')
    await page.getByLabel('Username').fill('manager')
    await page.getByLabel('Password').fill('wrong-password')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('alert').filter({ hasText: 'No active account' }).waitFor()
    await screenshot(page, 'login')
  })

  it('signs a manager in, survives a reload, and signs out', async () => {
    const page = await open()
    await login(page, 'manager')
    await page.getByText('Manager', { exact: true }).waitFor()
    await page.reload()
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor()
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.getByRole('heading', { name: 'Sign in to the CRM' }).waitFor()
    await page.reload()
    await page.getByRole('heading', { name: 'Sign in to the CRM' }).waitFor()
    await page.goto('/leads')
    await page.waitForURL(/\/login\?next=/)
  })

  it('keeps the refresh token out of storage while the app runs', async () => {
    const page = await open()
    await login(page, 'agent')
    const stored = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length, cookie: document.cookie }))
    assert.deepEqual(stored, { local: 0, session: 0, cookie: '' })
  })
})

describe('as a manager', () => {
  it('shows the dashboard with stats, charts, activity and reminders', async () => {
    const page = await open()
    await login(page, 'manager')
    const total = page.getByRole('region', { name: 'Total leads' })
    assert.match(await total.innerText(), /10/)
    assert.match(await page.getByRole('region', { name: 'Total estimated value' }).innerText(), /Ksh\s?[\d,]+\.00/)
    await page.getByRole('region', { name: 'Pipeline conversion' }).getByText('%').waitFor()
    assert.equal(await page.locator('canvas').count(), 2)
    const reminder = page.getByRole('region', { name: 'Upcoming reminders' }).getByRole('link').nth(1)
    await reminder.waitFor()
    await page.getByRole('region', { name: 'Recent activity' }).getByRole('link').first().waitFor()
    await page.waitForTimeout(300) // charts settle
    await screenshot(page, 'dashboard')
    await reminder.click()
    await page.waitForURL(/\/leads\/\d+$/)
  })

  it('filters, searches, sorts and pages the leads, with the filters in the URL', async () => {
    const page = await open()
    await login(page, 'manager')
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Leads', exact: true }).click()
    await page.waitForURL(/\/leads$/)
    const search = page.getByLabel('Search')
    await search.waitFor()
    // `/` on the leads list focuses its own search (elsewhere it opens the global search).
    await page.keyboard.press('/')
    assert.equal(await search.evaluate((el) => el === document.activeElement), true)
    const rows = page.locator('[data-test="lead-row"]')
    await rows.first().waitFor()
    assert.equal(await rows.count(), 10)

    await search.fill('wanj')
    await page.waitForURL(/search=wanj/)
    await page.waitForFunction(() => document.querySelectorAll('[data-test="lead-row"]').length === 1)
    assert.match(await rows.first().innerText(), /Wanjiku Kamau/)
    await search.fill('')
    await page.waitForURL((url) => !url.search.includes('search'))
    await page.waitForFunction(() => document.querySelectorAll('[data-test="lead-row"]').length === 10)

    await page.getByLabel('Status').selectOption('new')
    await page.waitForURL(/status=new/)
    await page.waitForFunction(() => document.querySelectorAll('[data-test="lead-row"]').length === 3)
    for (const text of await rows.allInnerTexts()) assert.match(text, /New/)
    await page.getByLabel('Priority').selectOption('high')
    await page.waitForURL(/priority=high/)
    await page.waitForFunction(() => document.querySelectorAll('[data-test="lead-row"]').length === 1)

    await page.goBack()
    await page.waitForURL((url) => url.search === '?status=new')
    await page.waitForFunction(() => document.querySelectorAll('[data-test="lead-row"]').length === 3)
    assert.equal(await page.getByLabel('Priority').inputValue(), '')

    await page.goto('/leads')
    await page.getByRole('button', { name: /^Value/ }).click()
    await page.waitForURL(/ordering=estimated_value/)
    await page.getByRole('button', { name: /^Value/ }).click()
    await page.waitForURL(/ordering=-estimated_value/)
    await page.waitForFunction(() => document.querySelector('[data-test="lead-row"]')?.textContent?.includes('Kipchoge'))
    const sorted = page.locator('th[aria-sort="descending"]')
    assert.match(await sorted.innerText(), /value/i)

    await page.getByLabel('Per page').selectOption('10')
    await page.waitForURL(/page_size=10/)
    await page.getByText('1–10 of 10').waitFor()
    await page.goto('/leads?page_size=10&ordering=first_name&page=1')
    await page.getByText('Page 1 of 1').waitFor()
    await screenshot(page, 'leads')
  })

  it('exports exactly the current filter as CSV', async () => {
    const page = await open()
    await login(page, 'manager')
    await page.goto('/leads?status=qualified&ordering=first_name')
    await page.locator('[data-test="lead-row"]').first().waitFor()
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ])
    assert.match(download.suggestedFilename(), /^leads-\d{4}-\d{2}-\d{2}\.csv$/)
    const csv = readFileSync(await download.path(), 'utf8').trim().split(/\r?\n/)
    assert.match(csv[0], /^id,first_name,last_name,company/)
    const body = csv.slice(1)
    assert.equal(body.length, 2)
    for (const line of body) assert.match(line, /,qualified,/)
    assert.ok(body[0].includes('Achieng') && body[1].includes('Akinyi'), 'ordered by first name')
  })

  it('creates a lead, shows per-field errors from the API, and edits it in place', async () => {
    const page = await open()
    await login(page, 'manager')
    await page.goto('/leads')
    await page.getByRole('link', { name: 'New lead' }).click()
    await page.getByLabel('First name').fill('Zawadi')
    await page.getByLabel('Last name').fill('Mwende')
    await page.getByLabel('Company').fill('Mwende Logistics')
    await page.getByLabel('Email').fill('not-an-email')
    await page.getByLabel('Phone').fill('garbage')
    await page.getByRole('button', { name: 'Create lead' }).click()
    await page.locator('input[name="email"][aria-invalid="true"]').waitFor()
    const emailError = page.locator('#' + (await page.getByLabel('Email').getAttribute('aria-describedby')))
    await emailError.waitFor()
    assert.match(await emailError.innerText(), /email/i)
    assert.equal(await page.getByLabel('Phone').getAttribute('aria-invalid'), 'true')

    await page.getByLabel('Email').fill('zawadi@mwende.co.ke')
    await page.getByLabel('Phone').fill('0722 000 111')
    await page.getByLabel(/Estimated value/).fill('250000')
    await page.getByLabel('Priority').selectOption('high')
    await page.getByRole('button', { name: 'Create lead' }).click()
    await page.getByRole('heading', { name: 'Zawadi Mwende', level: 1 }).waitFor()
    await page.getByRole('region', { name: 'Details' }).getByText('+254722000111').waitFor()
    assert.match(await page.locator('[data-test="lead-value"]').innerText(), /250,000\.00/)

    await page.getByRole('button', { name: 'Edit' }).click()
    await page.getByLabel(/Estimated value/).fill('-5')
    await page.getByRole('button', { name: 'Save changes' }).click()
    await page.locator('.field-error').first().waitFor()
    await page.getByLabel(/Estimated value/).fill('300000')
    await page.getByLabel('Status').selectOption('contacted')
    await page.getByRole('button', { name: 'Save changes' }).click()
    await page.getByRole('status').filter({ hasText: 'Lead saved.' }).waitFor()
    assert.match(await page.locator('[data-test="lead-value"]').innerText(), /300,000\.00/)
    await page.getByRole('region', { name: 'Change history' }).getByText('updated lead').first().waitFor()
  })

  it('adds a contact, makes it primary, and adds a note, a reminder and correspondence', async () => {
    const page = await open()
    await login(page, 'manager')
    await page.goto('/leads?search=mutua')
    await page.getByRole('link', { name: 'Mutua Musyoka' }).click()
    await page.getByRole('heading', { name: 'Mutua Musyoka', level: 1 }).waitFor()

    const contacts = page.getByRole('region', { name: 'Contacts' })
    await contacts.getByRole('button', { name: 'Add contact' }).click()
    await contacts.getByLabel('First name').fill('Halima')
    await contacts.getByLabel('Last name').fill('Abdi')
    await contacts.getByLabel('Position').fill('Finance Director')
    await contacts.getByLabel('Phone').fill('0733 123 456')
    await contacts.getByRole('button', { name: 'Save contact' }).click()
    const halima = contacts.locator('[data-test="contact"]').filter({ hasText: 'Halima Abdi' })
    await halima.waitFor()
    await halima.getByRole('button', { name: /Make primary/ }).click()
    await halima.getByText('Primary', { exact: true }).waitFor()
    assert.equal(await contacts.getByText('Primary', { exact: true }).count(), 1)

    // Notes, follow-ups and correspondence share the lead's timeline.
    const timeline = page.getByRole('region', { name: 'Activity' })
    await timeline.getByLabel('New note').fill('Asked for a revised quote in KES.')
    await timeline.getByRole('button', { name: 'Add note' }).click()
    await timeline.locator('[data-kind="note"]').first().getByText('Asked for a revised quote in KES.', { exact: true }).waitFor()

    const reminders = timeline.locator('[data-kind="reminder"]')
    const before = await reminders.count()
    await timeline.getByRole('button', { name: 'Add a follow-up' }).click()
    await timeline.getByLabel('Title').fill('Send the revised quote')
    await timeline.getByLabel('Message').fill('Include the volume discount.')
    await timeline.getByRole('button', { name: 'Save follow-up' }).click()
    const item = reminders.filter({ hasText: 'Send the revised quote' })
    await item.waitFor()
    assert.equal(await reminders.count(), before + 1)
    await item.getByText('Pending').waitFor()
    await item.getByRole('button', { name: /Complete/ }).click()
    await item.getByText('Completed').waitFor()

    await timeline.getByRole('button', { name: 'Add a follow-up' }).click()
    await timeline.getByLabel('Title').fill('Call back about delivery')
    await timeline.getByRole('button', { name: 'Save follow-up' }).click()
    const second = reminders.filter({ hasText: 'Call back about delivery' })
    await second.getByRole('button', { name: /Cancel follow-up/ }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel follow-up' }).click()
    await second.getByText('Cancelled').waitFor()

    await timeline.getByRole('button', { name: 'Log correspondence' }).click()
    await timeline.getByLabel('Type', { exact: true }).selectOption('meeting')
    await timeline.getByLabel('Direction').selectOption('inbound')
    await timeline.getByLabel('Contact').selectOption({ label: 'Halima Abdi' })
    await timeline.getByLabel('Subject').fill('Site visit')
    await timeline.getByLabel('What happened').fill('Walked the warehouse with Halima.')
    await timeline.getByRole('button', { name: 'Save', exact: true }).click()
    const meeting = timeline.locator('[data-kind="meeting"]').filter({ hasText: 'Site visit' })
    await meeting.getByText('with Halima Abdi').waitFor()
    await timeline.getByRole('button', { name: 'Meetings', exact: true }).click()
    await page.waitForFunction(
      () => [...document.querySelectorAll('[data-test="timeline-item"]')].every((el) => el.dataset.kind === 'meeting'),
    )
    await timeline.getByRole('button', { name: 'All', exact: true }).click()
    await screenshot(page, 'lead-detail')
  })

  it('drags a card to another column of the pipeline', async () => {
    const page = await open()
    await login(page, 'manager')
    await page.goto('/pipeline')
    const card = page.locator('[data-test="pipeline-card"]').filter({ hasText: 'Mwangi Njoroge' })
    const target = page.locator('[data-test="pipeline-column"][data-status="qualified"]')
    await card.waitFor()
    await card.dragTo(target)
    await target.locator('[data-test="pipeline-card"]').filter({ hasText: 'Mwangi Njoroge' }).waitFor()
    await page.getByRole('status').filter({ hasText: 'moved to Qualified' }).waitFor()
    const get = await apiAs(server.base, 'manager')
    const { results } = await get('/api/leads/?search=mwangi')
    assert.equal(results[0].status, 'qualified')
    await screenshot(page, 'pipeline')
  })

  it('reads the audit log with filters and a before/after diff', async () => {
    const page = await open()
    await login(page, 'manager')
    await page.getByRole('link', { name: 'Audit log' }).click()
    await page.locator('[data-test="audit-entry"]').first().waitFor()
    await page.getByLabel('Record type').selectOption('lead')
    await page.getByLabel('Action').selectOption('update')
    const entry = page.locator('[data-test="audit-entry"]').filter({ hasText: 'Mwangi Njoroge' }).first()
    await entry.waitFor()
    await entry.locator('summary').click()
    await entry.locator('del', { hasText: 'new' }).waitFor()
    await entry.locator('ins', { hasText: 'qualified' }).waitFor()
    await screenshot(page, 'audit-log')
  })

  it('creates an agent, deactivates and reactivates them', async () => {
    const page = await open()
    await login(page, 'manager')
    await page.getByRole('link', { name: 'Users' }).click()
    await page.getByRole('button', { name: 'New user' }).click()
    await page.getByLabel('Username').fill('wanjiru')
    await page.getByLabel('Email').fill('wanjiru@example.com')
    await page.getByLabel('First name').fill('Wanjiru')
    await page.getByLabel('Password').fill('short')
    await page.getByRole('button', { name: 'Create user' }).click()
    await page.locator('.field-error').first().waitFor()
    await page.getByLabel('Password').fill('a-long-enough-password')
    await page.getByRole('button', { name: 'Create user' }).click()
    const row = page.locator('[data-test="user-row"]').filter({ hasText: 'wanjiru@example.com' })
    await row.getByText('Active').waitFor()
    await row.getByRole('button', { name: /Deactivate/ }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Deactivate' }).click()
    await row.getByText('Inactive').waitFor()
    await row.getByRole('button', { name: /Reactivate/ }).click()
    await row.getByText('Active', { exact: true }).waitFor()
    await screenshot(page, 'users')
  })

  it('deletes a lead only after confirming', async () => {
    const page = await open()
    await login(page, 'manager')
    await page.goto('/leads?search=zawadi')
    await page.getByRole('link', { name: 'Zawadi Mwende' }).click()
    await page.getByRole('button', { name: 'Delete lead' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await page.getByRole('heading', { name: 'Zawadi Mwende', level: 1 }).waitFor()
    await page.getByRole('button', { name: 'Delete lead' }).click()
    await dialog.getByRole('button', { name: 'Delete' }).click()
    await page.waitForURL(/\/leads$/)
    await page.getByRole('status').filter({ hasText: 'Lead deleted.' }).waitFor()
  })
})

describe('as an agent', () => {
  it('sees no delete buttons, no audit log and no user admin', async () => {
    const page = await open()
    await login(page, 'agent')
    const nav = page.getByRole('navigation', { name: 'Main' })
    await nav.getByRole('link', { name: 'Leads' }).waitFor()
    assert.equal(await nav.getByRole('link', { name: 'Audit log' }).count(), 0)
    assert.equal(await nav.getByRole('link', { name: 'Users' }).count(), 0)

    await page.goto('/leads?search=wanjiku')
    await page.getByRole('link', { name: 'Wanjiku Kamau' }).click()
    await page.getByRole('region', { name: 'Contacts' }).locator('[data-test="contact"]').first().waitFor()
    const timeline = page.getByRole('region', { name: 'Activity' })
    await timeline.locator('[data-kind="note"]').first().waitFor()
    await timeline.locator('[data-kind="email"], [data-kind="call"], [data-kind="meeting"]').first().waitFor()
    // Agents delete only their own notes: none of the lead's other entries, and not the lead.
    assert.equal(await page.getByRole('button', { name: 'Delete lead' }).count(), 0)
    for (const entry of await timeline.locator('[data-test="timeline-item"]').all()) {
      if ((await entry.getAttribute('data-kind')) !== 'note') assert.equal(await entry.getByRole('button', { name: /Delete/ }).count(), 0)
    }
    assert.equal(await page.getByRole('region', { name: 'Change history' }).count(), 0)

    await page.goto('/audit')
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor()
    await screenshot(page, 'agent-not-allowed')
    await page.goto('/users')
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor()
  })

  it('lists my reminders and everyone\u2019s, upcoming and overdue', async () => {
    const page = await open()
    await login(page, 'agent')
    await page.getByRole('link', { name: 'Reminders', exact: true }).click()
    const upcoming = page.getByRole('region', { name: 'Upcoming' })
    const overdue = page.getByRole('region', { name: 'Overdue' })
    await upcoming.locator('[data-test="reminder"]').first().waitFor()
    await overdue.locator('[data-test="reminder"], [role="status"]').first().waitFor()
    const mine = await upcoming.locator('[data-test="reminder"]').count()
    await page.getByRole('button', { name: /Everyone/ }).click()
    await page.waitForURL(/who=everyone/)
    await upcoming.getByText(/for /).first().waitFor()
    assert.ok((await upcoming.locator('[data-test="reminder"]').count()) >= mine)
    await screenshot(page, 'reminders')
  })
})

describe('on a phone', () => {
  it('fits the dashboard and the leads list in a narrow screen', async () => {
    const page = await open({ width: 390, height: 844 })
    await login(page, 'manager')
    await page.getByRole('region', { name: 'Total leads' }).waitFor()
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 1, `page wider than the screen by ${overflow}px`)
    await screenshot(page, 'dashboard-phone')
    await page.goto('/leads')
    await page.locator('[data-test="lead-card"]').first().waitFor()
    const listOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(listOverflow <= 1, `leads page wider than the screen by ${listOverflow}px`)
  })
})
