// The dashboard (personal and the team's, charts that open the list, text alternatives,
// the empty state) and people's names in the history, the audit log and the feed.
import assert from 'node:assert/strict'
import { after, afterEach, before, describe, it } from 'node:test'
import {
  EMPTY_PASSWORD, PHONE, apiAs, apiClient, assertNoSideScroll, axeScan, launchBrowser, login, newPage, screenshot, startServer,
} from './harness.mjs'

let server
let empty
let browser
const pages = []

before(async () => {
  ;[server, empty] = await Promise.all([startServer(), startServer({ demo: false })])
  browser = await launchBrowser()
})

after(async () => {
  await browser?.close()
  await server?.stop()
  await empty?.stop()
})

async function open(base = server.base, viewport) {
  const page = await newPage(browser, base, viewport)
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

const STATUSES = ['new', 'contacted', 'qualified', 'lost', 'converted']
const number = new Intl.NumberFormat('en-KE')

/** `apiClient` for the new installation's manager, whose password is not the demo's. */
async function emptyClient() {
  const res = await fetch(`${empty.base}/api/auth/login/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'manager', password: EMPTY_PASSWORD }),
  })
  const { access } = await res.json()
  return async (method, path, body) => {
    const r = await fetch(`${empty.base}${path}`, {
      method,
      headers: { Authorization: `Bearer ${access}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await r.text()
    return { status: r.status, body: text ? JSON.parse(text) : null }
  }
}

async function statText(page, label) {
  return (await page.getByRole('region', { name: label }).locator('[data-test="stat-value"]').innerText()).trim()
}

async function userId(base, username) {
  const me = await (await apiAs(base, username))('/api/auth/me/')
  return me.id
}

for (const [name, viewport] of [['desktop', undefined], ['phone', PHONE]]) {
  describe(`the dashboard (${name})`, () => {
    it("shows an agent their own figures, equal to their leads' counts, and the team's on asking", async () => {
      const api = await apiAs(server.base, 'agent')
      const agentId = await userId(server.base, 'agent')
      const page = await open(server.base, viewport)
      await login(page, 'agent')
      await page.getByText('Your leads').waitFor()
      const mine = (await api('/api/leads/?assigned_to=me&page_size=1')).count
      const team = (await api('/api/leads/?page_size=1')).count
      assert.ok(mine > 0 && mine < team, `the demo gives the agent some of the leads (${mine} of ${team})`)
      assert.equal(await statText(page, 'Total leads'), number.format(mine))
      const legend = page.getByRole('region', { name: 'Leads by status' })
      for (const status of STATUSES) {
        const { count } = await api(`/api/leads/?assigned_to=${agentId}&status=${status}&page_size=1`)
        const link = legend.locator(`[data-test="legend-${status}"]`)
        assert.equal((await link.locator('.count').innerText()).trim(), number.format(count), status)
        assert.equal(await link.getAttribute('href'), `/leads?status=${status}&assigned_to=${agentId}`)
      }
      // The reminders shown are the agent's own: none says whom it is for.
      const upcoming = page.getByRole('region', { name: 'Upcoming reminders' })
      await upcoming.getByText('Yours').waitFor()
      assert.equal(await upcoming.getByText(/ · for /).count(), 0)
      await assertNoSideScroll(page, `agent dashboard (${name})`)
      await axeScan(page, `agent dashboard (${name})`)
      await screenshot(page, `dashboard-agent-${name}`)

      await page.getByText('Team', { exact: true }).click()
      await page.waitForURL(/owner=all/)
      await page.getByText("The whole team's leads").waitFor()
      await page.waitForFunction(
        ([expected]) => document.querySelector('[data-test="stat-value"]')?.textContent?.trim() === expected,
        [number.format(team)],
      )
      const reminders = (await api('/api/dashboard-stats/')).upcoming_reminders
      if (reminders.length) await upcoming.getByText(/ · for /).first().waitFor()
      await assertNoSideScroll(page, `agent, team (${name})`)
      await axeScan(page, `agent, team (${name})`)
    })

    it('shows a manager the team, and one person through the picker', async () => {
      const api = await apiAs(server.base, 'manager')
      const agentId = await userId(server.base, 'agent')
      const page = await open(server.base, viewport)
      await login(page, 'manager')
      await page.getByText("The whole team's leads").waitFor()
      const team = (await api('/api/leads/?page_size=1')).count
      assert.equal(await statText(page, 'Total leads'), number.format(team))
      await page.getByLabel('Figures for').selectOption(String(agentId))
      await page.getByText("Brian Otieno's leads").waitFor()
      const theirs = (await api(`/api/leads/?assigned_to=${agentId}&page_size=1`)).count
      await page.waitForFunction(
        ([expected]) => document.querySelector('[data-test="stat-value"]')?.textContent?.trim() === expected,
        [number.format(theirs)],
      )
      const stats = await api(`/api/dashboard-stats/?assigned_to=${agentId}&include_system=false`)
      assert.equal(await statText(page, 'Contacts'), number.format(stats.total_contacts))
      assert.match(await statText(page, 'Total estimated value'), /^Ksh\s?[\d,]+\.\d\d$/)
      await assertNoSideScroll(page, `manager, one person (${name})`)
      await axeScan(page, `manager, one person (${name})`)
      await screenshot(page, `dashboard-manager-person-${name}`)
    })
  })
}

describe('the charts', () => {
  it('open the filtered list from a bar, and from the legend of the donut', async () => {
    const page = await open()
    await login(page, 'manager')
    const canvas = page.locator('[data-test="chart-bar"] canvas')
    await canvas.waitFor()
    const box = await canvas.boundingBox()
    // The bar chart's columns share the width right of the y axis; a column answers a
    // click anywhere in it. The third is "Qualified".
    const axis = 40
    await page.mouse.click(box.x + axis + ((box.width - axis) * 2.5) / 5, box.y + box.height / 2)
    await page.waitForURL(/\/leads\?status=qualified$/)
    await page.getByRole('heading', { name: 'Leads', level: 1 }).waitFor()
    await page.goBack()
    await page.getByRole('region', { name: 'Leads by priority' }).getByRole('link', { name: /High/ }).click()
    await page.waitForURL(/\/leads\?priority=high$/)
  })

  it('have a text alternative with the figures, and pass axe', async () => {
    const api = await apiAs(server.base, 'manager')
    const stats = await api('/api/dashboard-stats/')
    const page = await open()
    await login(page, 'manager')
    const canvases = page.locator('canvas')
    await canvases.nth(1).waitFor()
    assert.equal(await canvases.count(), 2)
    const bar = await page.locator('[data-test="chart-bar"] canvas').getAttribute('aria-label')
    const donut = await page.locator('[data-test="chart-doughnut"] canvas').getAttribute('aria-label')
    assert.equal(await canvases.first().getAttribute('role'), 'img')
    assert.match(bar, new RegExp(`Contacted ${stats.leads_by_status.contacted}\\b`))
    assert.match(bar, new RegExp(`Converted ${stats.leads_by_status.converted}\\b`))
    assert.match(donut, new RegExp(`High ${stats.leads_by_priority.high}\\b`))
    await axeScan(page, 'manager dashboard')
  })
})

describe('the activity feed', () => {
  it("names people and leaves the system's entries out unless asked", async () => {
    const api = await apiAs(server.base, 'manager')
    const page = await open()
    await login(page, 'manager')
    const feed = page.getByRole('region', { name: 'Recent activity' })
    await feed.locator('[data-test="activity"]').first().waitFor()
    const people = (await api('/api/dashboard-stats/?include_system=false')).recent_activity
    assert.equal(await feed.locator('li').count(), people.length)
    assert.equal(await feed.locator('[data-test="activity-system"]').count(), 0)
    const text = await feed.innerText()
    assert.match(text, /Grace Wanjiru (created|updated)/)
    assert.doesNotMatch(text, /^manager (created|updated)/m)
    await feed.getByLabel('Show system entries').check()
    await page.waitForURL(/system=1/)
    const all = (await api('/api/dashboard-stats/')).recent_activity
    const system = all.filter((e) => e.user === null).length
    await page.waitForFunction(
      ([n]) => document.querySelectorAll('[data-test="activity-system"]').length === n,
      [system],
    )
    assert.equal(await feed.locator('li').count(), all.length)
  })
})

describe('a new installation', () => {
  for (const [name, viewport] of [['desktop', undefined], ['phone', PHONE]]) {
    it(`shows a friendly empty state instead of empty charts (${name})`, async () => {
      const page = await open(empty.base, viewport)
      await login(page, 'manager', EMPTY_PASSWORD)
      await page.locator('[data-test="dashboard-empty"]').getByText('No leads yet').waitFor()
      assert.equal(await page.locator('canvas').count(), 0)
      await page.locator('[data-test="dashboard-empty"]').getByRole('link', { name: 'Add a lead' }).waitFor()
      await assertNoSideScroll(page, `empty dashboard (${name})`)
      await axeScan(page, `empty dashboard (${name})`)
      await screenshot(page, `dashboard-empty-${name}`)
    })
  }

  it('keeps a very large total on one line on a phone', async () => {
    const call = await emptyClient()
    const made = await call('POST', '/api/leads/', { first_name: 'Big', estimated_value: '249648310554.00', status: 'new' })
    assert.equal(made.status, 201, JSON.stringify(made.body))
    try {
      const page = await open(empty.base, PHONE)
      await login(page, 'manager', EMPTY_PASSWORD)
      const value = page.getByRole('region', { name: 'Total estimated value' }).locator('[data-test="stat-value"]')
      await value.waitFor()
      assert.match(await value.innerText(), /249,648,310,554\.00/)
      const fit = await value.evaluate((el) => ({
        lines: Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)),
        overflow: el.scrollWidth - el.clientWidth,
      }))
      assert.equal(fit.lines, 1, 'on one line')
      assert.ok(fit.overflow <= 0, `the figure overflows its card by ${fit.overflow}px`)
      await assertNoSideScroll(page, 'large total on a phone')
      await screenshot(page, 'dashboard-large-total-phone')
    } finally {
      await call('DELETE', `/api/leads/${made.body.id}/`)
    }
  })
})

describe('names and labels in the history and the audit log', () => {
  it('shows "Assigned to — → Brian Otieno", status labels and money', async () => {
    const call = await apiClient(server.base, 'manager')
    const agentId = await userId(server.base, 'agent')
    const made = await call('POST', '/api/leads/', { first_name: 'Historia', status: 'new', estimated_value: '1000' })
    assert.equal(made.status, 201)
    const id = made.body.id
    const changed = await call('PATCH', `/api/leads/${id}/`, {
      status: 'contacted', assigned_to: agentId, estimated_value: '1500000',
    })
    assert.equal(changed.status, 200, JSON.stringify(changed.body))

    for (const viewport of [undefined, PHONE]) {
      const page = await open(server.base, viewport)
      await login(page, 'manager')
      await page.goto(`/leads/${id}`)
      const history = page.getByRole('region', { name: 'Change history' })
      const update = history.locator('[data-test="history-entry"]').filter({ hasText: 'updated lead' }).first()
      await update.waitFor()
      const text = await update.innerText()
      assert.match(text, /^Grace Wanjiru updated lead "Historia"/)
      assert.match(text, /Status:\s*New → Contacted/)
      assert.match(text, /Assigned to:\s*— → Brian Otieno/)
      assert.match(text, /Estimated value:\s*Ksh\s?1,000\.00 → Ksh\s?1,500,000\.00/)
      assert.doesNotMatch(text, /1500000|→ \d+\b/)
      await assertNoSideScroll(page, 'lead history')
      await axeScan(page, 'lead page with history')
    }

    const page = await open()
    await login(page, 'manager')
    await page.goto(`/audit?entity=lead`)
    await page.getByLabel('Record id').fill(String(id))
    await page.getByLabel('Record id').press('Tab')
    const entry = page.locator('[data-test="audit-entry"]').filter({ hasText: 'Grace Wanjiru updated lead' }).first()
    await entry.waitFor()
    await entry.locator('summary').click()
    await entry.locator('ins', { hasText: 'Brian Otieno' }).waitFor()
    await entry.locator('ins', { hasText: 'Contacted' }).waitFor()
    await entry.locator('del', { hasText: /^New$/ }).waitFor()
    // The user filter names people too.
    assert.ok((await page.getByLabel('User').locator('option').allInnerTexts()).includes('Grace Wanjiru'))
    await axeScan(page, 'audit log')
    await screenshot(page, 'audit-log-names')
  })
})
