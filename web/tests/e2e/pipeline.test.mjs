// The pipeline at any size: true column figures for the filters, funnel order, cards loaded
// per column and on scroll, moves that keep focus, and no sideways page on a phone.
import assert from 'node:assert/strict'
import { after, afterEach, before, describe, it } from 'node:test'
import {
  PHONE,
  apiAs,
  apiClient,
  assertNoSideScroll,
  axeScan,
  launchBrowser,
  login,
  newPage,
  screenshot,
  startServer,
} from './harness.mjs'

const FUNNEL = ['new', 'contacted', 'qualified', 'converted', 'lost']

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

const column = (page, status) => page.locator(`[data-test="pipeline-column"][data-status="${status}"]`)

/** The board as shown: status → [count, total text] in the page's order. */
async function shown(page) {
  await page.locator('[data-test="pipeline-column"]').first().waitFor()
  return page.$$eval('[data-test="pipeline-column"]', (columns) =>
    columns.map((c) => [
      c.dataset.status,
      Number(c.querySelector('[data-test="column-count"]').textContent.replace(/[^\d]/g, '')),
      c.querySelector('[data-test="column-total"]').textContent.trim(),
    ]),
  )
}

/** The list's count for each status with `query`, as the API tells it. */
async function listCounts(get, query = '') {
  const counts = []
  for (const status of FUNNEL) {
    const page = await get(`/api/leads/?status=${status}&page_size=1${query}`)
    counts.push([status, page.count])
  }
  return counts
}

/** Waits until the headers show `expected` ([status, count] pairs). */
async function waitForCounts(page, expected) {
  const deadline = Date.now() + 10_000
  let last
  while (Date.now() < deadline) {
    last = (await shown(page)).map(([s, n]) => [s, n])
    if (JSON.stringify(last) === JSON.stringify(expected)) return
    await page.waitForTimeout(100)
  }
  assert.deepEqual(last, expected)
}

describe('the pipeline', () => {
  it("shows every column's true count and total in funnel order, one screen tall", async () => {
    const page = await open()
    await login(page, 'manager')
    await page.goto('/pipeline')
    const get = await apiAs(server.base, 'manager')
    const expected = await listCounts(get)
    await waitForCounts(page, expected)
    const board = await get('/api/leads/board/')
    const rows = await shown(page)
    assert.deepEqual(rows.map(([s]) => s), FUNNEL, 'won before lost')
    for (const [i, c] of board.columns.entries()) {
      const digits = (text) => text.replace(/[^\d]/g, '')
      assert.equal(digits(rows[i][2]), digits(c.total_value), `${c.status} total`)
    }
    // Each status picker lists the statuses in the same order.
    const options = await page.locator('[data-test="pipeline-card"] select').first().locator('option').evaluateAll(
      (os) => os.map((o) => o.value),
    )
    assert.deepEqual(options, FUNNEL)
    await axeScan(page)
    await assertNoSideScroll(page)
    await screenshot(page, 'pipeline-board')
  })

  it("starts an agent on their own leads, and filters by owner, priority and search", async () => {
    const page = await open()
    await login(page, 'agent')
    await page.goto('/pipeline')
    const get = await apiAs(server.base, 'agent')
    assert.equal(await page.getByLabel('Owner').inputValue(), 'me')
    await waitForCounts(page, await listCounts(get, '&assigned_to=me'))
    const mine = (await shown(page)).reduce((sum, [, n]) => sum + n, 0)
    const all = await get('/api/leads/?page_size=1')
    assert.ok(mine < all.count, `an agent's board (${mine}) is not everyone's (${all.count})`)

    await page.getByLabel('Owner').selectOption('all')
    await page.waitForURL(/owner=all/)
    await waitForCounts(page, await listCounts(get))

    await page.getByLabel('Priority').selectOption('high')
    await page.waitForURL(/priority=high/)
    await waitForCounts(page, await listCounts(get, '&priority=high'))

    await page.getByLabel('Search').fill('mwangi')
    await page.waitForURL(/search=mwangi/)
    await waitForCounts(page, await listCounts(get, '&priority=high&search=mwangi'))

    // The URL alone restores the filters.
    await page.reload()
    assert.equal(await page.getByLabel('Priority').inputValue(), 'high')
    assert.equal(await page.getByLabel('Search').inputValue(), 'mwangi')
    await waitForCounts(page, await listCounts(get, '&priority=high&search=mwangi'))
    await axeScan(page)
  })

  it("lets a manager pick a person's board", async () => {
    const page = await open()
    await login(page, 'manager')
    const get = await apiAs(server.base, 'manager')
    const users = await get('/api/users/?page_size=100')
    const agent = users.results.find((u) => u.username === 'agent')
    await page.goto('/pipeline')
    await page.getByLabel('Owner').locator(`option[value="${agent.id}"]`).waitFor({ state: 'attached' })
    await page.getByLabel('Owner').selectOption(String(agent.id))
    await page.waitForURL(new RegExp(`owner=${agent.id}`))
    await waitForCounts(page, await listCounts(get, `&assigned_to=${agent.id}`))
  })

  it('moves a card with its status picker: both counts change and focus stays on the card', async () => {
    const page = await open()
    await login(page, 'manager')
    await page.goto('/pipeline')
    const get = await apiAs(server.base, 'manager')
    await waitForCounts(page, await listCounts(get))
    const before = Object.fromEntries((await shown(page)).map(([s, n]) => [s, n]))
    const card = column(page, 'new').locator('[data-test="pipeline-card"]').first()
    const id = await card.getAttribute('data-lead-id')
    const picker = card.locator('select')
    await picker.focus()
    await picker.selectOption('converted')
    const moved = column(page, 'converted').locator(`[data-test="pipeline-card"][data-lead-id="${id}"]`)
    await moved.waitFor()
    await page.getByRole('status').filter({ hasText: 'moved to Converted' }).waitFor()
    const focused = await page.evaluate(() => ({
      tag: document.activeElement?.tagName,
      card: document.activeElement?.closest('[data-test="pipeline-card"]')?.getAttribute('data-lead-id'),
      column: document.activeElement?.closest('[data-test="pipeline-column"]')?.getAttribute('data-status'),
    }))
    assert.deepEqual(focused, { tag: 'SELECT', card: id, column: 'converted' })
    const expected = FUNNEL.map((s) => [s, before[s] + (s === 'converted' ? 1 : s === 'new' ? -1 : 0)])
    await waitForCounts(page, expected)
    assert.deepEqual(await listCounts(get), expected)
    // The keyboard carries on from the moved card.
    await page.keyboard.press('Shift+Tab')
    const link = await page.evaluate(() => document.activeElement?.closest('[data-test="pipeline-card"]')?.getAttribute('data-lead-id'))
    assert.equal(link, id)
  })

  it('moves a dragged card with both counts, and puts focus on the moved card', async () => {
    const page = await open()
    await login(page, 'manager')
    await page.goto('/pipeline')
    const get = await apiAs(server.base, 'manager')
    await waitForCounts(page, await listCounts(get))
    const before = Object.fromEntries((await shown(page)).map(([s, n]) => [s, n]))
    const card = column(page, 'qualified').locator('[data-test="pipeline-card"]').first()
    const id = await card.getAttribute('data-lead-id')
    await card.dragTo(column(page, 'lost'))
    await column(page, 'lost').locator(`[data-test="pipeline-card"][data-lead-id="${id}"]`).waitFor()
    const expected = FUNNEL.map((s) => [s, before[s] + (s === 'lost' ? 1 : s === 'qualified' ? -1 : 0)])
    await waitForCounts(page, expected)
    assert.deepEqual(await listCounts(get), expected)
    const focused = await page.evaluate(() => ({
      tag: document.activeElement?.tagName,
      card: document.activeElement?.closest('[data-test="pipeline-card"]')?.getAttribute('data-lead-id'),
    }))
    assert.deepEqual(focused, { tag: 'A', card: id })
  })

  it('loads the first 50 cards of a column and more when its end scrolls into view', async () => {
    const call = await apiClient(server.base, 'manager')
    for (let i = 0; i < 57; i++) {
      const { status } = await call('POST', '/api/leads/', {
        first_name: `Bulk${i}`, last_name: 'Scroll', company: 'Scrollco', status: 'contacted',
        estimated_value: String(1000 + i),
      })
      assert.equal(status, 201)
    }
    const page = await open()
    await login(page, 'manager')
    await page.goto('/pipeline?search=scrollco')
    const cards = column(page, 'contacted').locator('[data-test="pipeline-card"]')
    await waitForCounts(page, FUNNEL.map((s) => [s, s === 'contacted' ? 57 : 0]))
    assert.equal(await cards.count(), 50)
    // The board keeps its height: the page does not grow with the column.
    const height = await page.evaluate(() => document.documentElement.scrollHeight)
    assert.ok(height < 1400, `page is ${height}px tall`)
    await column(page, 'contacted').locator('[data-test="column-cards"]').evaluate((el) => el.scrollTo(0, el.scrollHeight))
    await cards.nth(56).waitFor()
    assert.equal(await cards.count(), 57)
    const ids = await cards.evaluateAll((cs) => cs.map((c) => c.dataset.leadId))
    assert.equal(new Set(ids).size, 57, 'no card twice')
    await page.locator('[data-test="column-end"] button').waitFor({ state: 'detached' })
  })
})

describe('the pipeline on a phone', () => {
  it('never scrolls the page sideways; the board scrolls in its own box', async () => {
    const page = await open(PHONE)
    await login(page, 'manager')
    await page.goto('/pipeline')
    await column(page, 'new').locator('[data-test="pipeline-card"]').first().waitFor()
    await assertNoSideScroll(page)
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth)
    assert.ok(scroll <= 390, `page is ${scroll}px wide`)
    const board = page.locator('[data-test="pipeline-board"]')
    const { inner, outer } = await board.evaluate((el) => ({ inner: el.scrollWidth, outer: el.clientWidth }))
    assert.ok(inner > outer, 'the columns sit side by side in the board')
    // Swiping to the last column still leaves the page where it was.
    await board.evaluate((el) => el.scrollTo(el.scrollWidth, 0))
    await column(page, 'lost').locator('h2').waitFor()
    await assertNoSideScroll(page)
    await axeScan(page)
    await screenshot(page, 'pipeline-phone')
    // A move from a phone (the picker, no drag) keeps focus too.
    const card = column(page, 'lost').locator('[data-test="pipeline-card"]').first()
    const id = await card.getAttribute('data-lead-id')
    await card.locator('select').focus()
    await card.locator('select').selectOption('qualified')
    await column(page, 'qualified').locator(`[data-lead-id="${id}"]`).waitFor()
    const focused = await page.evaluate(() => document.activeElement?.closest('[data-test="pipeline-card"]')?.getAttribute('data-lead-id'))
    assert.equal(focused, id)
    await assertNoSideScroll(page)
  })
})
