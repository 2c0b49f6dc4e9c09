// Layouts on phones and desktops, the top menu, dark mode, page titles and the breadcrumb.
import assert from 'node:assert/strict'
import { after, afterEach, before, describe, it } from 'node:test'
import {
  PHONE,
  apiAs,
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
let leadId
const pages = []

before(async () => {
  server = await startServer()
  browser = await launchBrowser()
  const get = await apiAs(server.base, 'manager')
  leadId = (await get('/api/leads/?search=wanjiku')).results[0].id
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

/** The main pages a manager sees, each with its <h1> and its tab title. */
function mainPages() {
  return [
    { path: '/', heading: 'Dashboard', title: 'Dashboard · CRM' },
    { path: '/leads', heading: 'Leads', title: 'Leads · CRM' },
    { path: '/leads/new', heading: 'New lead', title: 'New lead · CRM' },
    { path: `/leads/${leadId}`, heading: 'Wanjiku Kamau', title: 'Wanjiku Kamau · CRM' },
    { path: '/pipeline', heading: 'Pipeline', title: 'Pipeline · CRM' },
    { path: '/today', heading: 'Today', title: 'Today · CRM' },
    { path: '/reminders', heading: 'Reminders', title: 'Reminders · CRM' },
    { path: '/audit', heading: 'Audit log', title: 'Audit log · CRM' },
    { path: '/users', heading: 'Users', title: 'Users · CRM' },
  ]
}

/** Opens a page and waits until its heading is shown and its data has arrived. */
async function visit(page, { path, heading }) {
  await page.goto(path)
  try {
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor()
  } catch (error) {
    await screenshot(page, `failed-${path.replaceAll('/', '_')}`)
    throw error
  }
  // Loading placeholders are gone: the page shows its data.
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"], .loading'))
}

/** The page background's relative luminance: near 0 in the dark theme, near 1 in the light one. */
function backgroundLuminance(page) {
  return page.evaluate(() => {
    const [r, g, b] = getComputedStyle(document.documentElement)
      .backgroundColor.match(/\d+(\.\d+)?/g)
      .slice(0, 3)
      .map((c) => {
        const v = Number(c) / 255
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4
      })
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
  })
}

describe('on a 390 x 844 phone', () => {
  it('fits every main page in the width and passes axe', async () => {
    const page = await open(PHONE)
    await login(page, 'manager')
    for (const target of mainPages()) {
      await visit(page, target)
      await assertNoSideScroll(page, target.path)
      await axeScan(page, `${target.path} on a phone`)
    }
  })

  it('opens the navigation from a menu button and reaches Audit log and Users by keyboard', async () => {
    const page = await open(PHONE)
    await login(page, 'manager')
    await visit(page, { path: '/leads', heading: 'Leads' })
    const button = page.getByRole('button', { name: 'Menu' })
    const nav = page.getByRole('navigation', { name: 'Main' })
    assert.equal(await button.getAttribute('aria-expanded'), 'false')
    assert.equal(await button.getAttribute('aria-controls'), 'main-menu')
    assert.equal(await nav.isVisible(), false, 'the navigation is folded away on a phone')

    await button.focus()
    await page.keyboard.press('Enter')
    assert.equal(await button.getAttribute('aria-expanded'), 'true')
    await nav.getByRole('link', { name: 'Users' }).waitFor()
    // Focus moved into the menu, onto its first link.
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Dashboard')
    await axeScan(page, 'the open menu')
    await screenshot(page, 'menu-phone')

    // Escape closes it and gives focus back to the button.
    await page.keyboard.press('Escape')
    assert.equal(await button.getAttribute('aria-expanded'), 'false')
    assert.equal(await nav.isVisible(), false)
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-test')), 'menu-button')

    // Tab through the menu to "Audit log", follow it; the menu closes on arrival.
    await page.keyboard.press('Enter')
    for (let i = 0; i < 12; i++) {
      if ((await page.evaluate(() => document.activeElement?.textContent?.trim())) === 'Audit log') break
      await page.keyboard.press('Tab')
    }
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor()
    assert.equal(await button.getAttribute('aria-expanded'), 'false')

    await button.click()
    for (let i = 0; i < 12; i++) {
      if ((await page.evaluate(() => document.activeElement?.textContent?.trim())) === 'Users') break
      await page.keyboard.press('Tab')
    }
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor()

    // The theme switch and Sign out live in the menu too.
    await button.click()
    await page.getByLabel('Theme').waitFor()
    await page.getByRole('button', { name: 'Sign out' }).waitFor()
  })

  it('lets the top bar scroll away on the lead page, so it covers none of it', async () => {
    const page = await open(PHONE)
    await login(page, 'manager')
    await visit(page, { path: `/leads/${leadId}`, heading: 'Wanjiku Kamau' })
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight))
    await page.waitForFunction(() => window.scrollY > 100)
    const bottom = await page.evaluate(() => document.querySelector('header').getBoundingClientRect().bottom)
    assert.ok(bottom <= 0, `the top bar still covers the top ${bottom} px of the page`)
  })

  it('shows each user as a card with a readable last sign-in and Deactivate on screen', async () => {
    const page = await open(PHONE)
    await login(page, 'manager')
    await visit(page, { path: '/users', heading: 'Users' })
    const row = page.locator('[data-test="user-row"]').filter({ hasText: 'agent' }).first()
    const deactivate = row.getByRole('button', { name: /Deactivate/ })
    await deactivate.waitFor()
    const box = await deactivate.boundingBox()
    assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width, `Deactivate at ${JSON.stringify(box)}`)
    const lastSignIn = row.locator('td[data-label="Last sign-in"]')
    const cell = await lastSignIn.boundingBox()
    assert.ok(cell.width > 200, `the last sign-in is squeezed into ${cell.width} px`)
    const label = await lastSignIn.evaluate((td) => getComputedStyle(td, '::before').content)
    assert.equal(label, '"Last sign-in"', 'the value is labelled')
    await assertNoSideScroll(page, '/users')
    await screenshot(page, 'users-phone')
  })

  it('lists leads as cards with name, company, status, priority, value and owner', async () => {
    const page = await open(PHONE)
    await login(page, 'manager')
    await visit(page, { path: '/leads', heading: 'Leads' })
    assert.equal(await page.locator('table').count(), 0, 'no table on a phone')
    const card = page.locator('[data-test="lead-card"]').filter({ hasText: 'Wanjiku Kamau' })
    await card.waitFor()
    const get = await apiAs(server.base, 'manager')
    const lead = await get(`/api/leads/${leadId}/`)
    const text = await card.innerText()
    for (const part of [lead.company, 'Owner', /Ksh\s?[\d,]+\.00/, /priority/]) {
      if (part instanceof RegExp) assert.match(text, part)
      else assert.ok(text.includes(part), `the card lacks "${part}": ${text}`)
    }
    if ('next_reminder_at' in lead) assert.ok(text.includes('Next step'), `the card lacks the next step: ${text}`)
    // The order can still be changed without column headers.
    await page.getByLabel('Sort by').selectOption('-estimated_value')
    await page.waitForURL(/ordering=-estimated_value/)
    await card.getByRole('link', { name: 'Wanjiku Kamau' }).click()
    await page.getByRole('heading', { name: 'Wanjiku Kamau', level: 1 }).waitFor()
  })
})

describe('on a desktop', () => {
  it('keeps the table for leads and the navigation in the bar, without a menu button', async () => {
    const page = await open()
    await login(page, 'manager')
    await visit(page, { path: '/leads', heading: 'Leads' })
    await page.locator('[data-test="lead-row"]').first().waitFor()
    assert.equal(await page.locator('[data-test="lead-card"]').count(), 0)
    assert.equal(await page.getByRole('button', { name: 'Menu' }).isVisible(), false)
    const nav = page.getByRole('navigation', { name: 'Main' })
    for (const name of ['Dashboard', 'Leads', 'Pipeline', 'Reminders', 'Audit log', 'Users']) {
      assert.ok(await nav.getByRole('link', { name, exact: true }).isVisible(), `${name} is in the bar`)
    }
    await assertNoSideScroll(page, '/leads')
  })

  it('keeps every link in sight at tablet and laptop widths, in at most two rows', async () => {
    for (const width of [1280, 1024, 800]) {
      const page = await open({ width, height: 800 })
      await login(page, 'manager')
      const nav = page.getByRole('navigation', { name: 'Main' })
      for (const name of ['Dashboard', 'Today', 'Leads', 'Pipeline', 'Reminders', 'Audit log', 'Users']) {
        const box = await nav.getByRole('link', { name, exact: false }).first().boundingBox()
        assert.ok(box && box.x >= 0 && box.x + box.width <= width, `${name} is off screen at ${width} px`)
      }
      const height = await page.evaluate(() => document.querySelector('header').getBoundingClientRect().height)
      assert.ok(height < 110, `the top bar is ${height} px tall at ${width} px`)
      await assertNoSideScroll(page, `/ at ${width} px`)
      await axeScan(page, `/ at ${width} px`)
    }
  })
})

describe('page titles and the breadcrumb', () => {
  it('titles every page, and a lead after its name', async () => {
    const page = await open()
    await login(page, 'manager')
    for (const target of mainPages()) {
      await visit(page, target)
      assert.equal(await page.title(), target.title)
    }
    await page.goto('/no-such-page')
    await page.waitForFunction(() => document.title === 'Not found · CRM')
  })

  it('ends the breadcrumb with the lead\u2019s name, "…" while it loads', async () => {
    const page = await open()
    await login(page, 'manager')
    let release
    const held = new Promise((r) => (release = r))
    await page.route(`**/api/leads/${leadId}/`, async (route) => {
      await held
      await route.continue()
    })
    await page.goto(`/leads/${leadId}`)
    const crumb = page.getByRole('navigation', { name: 'Breadcrumb' })
    await crumb.waitFor()
    const last = crumb.locator('[aria-current="page"]')
    assert.equal((await last.innerText()).trim(), '…')
    assert.equal(await page.title(), 'Lead · CRM')
    await axeScan(page, 'a lead page while it loads')
    release()
    await page.getByRole('heading', { name: 'Wanjiku Kamau', level: 1 }).waitFor()
    assert.equal((await last.innerText()).trim(), 'Wanjiku Kamau')
    assert.equal(await page.title(), 'Wanjiku Kamau · CRM')
    await crumb.getByRole('link', { name: 'Leads' }).click()
    await page.getByRole('heading', { name: 'Leads', level: 1 }).waitFor()
    assert.equal(await page.title(), 'Leads · CRM')
  })

  it('titles a lead that does not exist as not found', async () => {
    const page = await open()
    await login(page, 'manager')
    await page.goto('/leads/999999')
    await page.getByRole('heading', { name: 'Lead not found' }).waitFor()
    assert.equal(await page.title(), 'Not found · CRM')
    assert.equal((await page.locator('[data-test="breadcrumb"] [aria-current="page"]').innerText()).trim(), 'Not found')
  })
})

describe('dark mode', () => {
  it('follows the system setting, with AA contrast on every page (desktop and phone)', async () => {
    for (const size of [undefined, PHONE]) {
      const page = await open(size)
      await page.emulateMedia({ colorScheme: 'dark' })
      await login(page, 'manager')
      assert.ok((await backgroundLuminance(page)) < 0.05, 'the background is dark')
      for (const target of mainPages()) {
        await visit(page, target)
        await axeScan(page, `${target.path} in the dark theme${size ? ' on a phone' : ''}`)
      }
      await screenshot(page, size ? 'dark-users-phone' : 'dark-users')
      await visit(page, { path: '/', heading: 'Dashboard' })
      await screenshot(page, size ? 'dark-dashboard-phone' : 'dark-dashboard')
    }
  })

  it('passes axe on the sign-in page in the dark', async () => {
    const page = await open()
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.goto('/login')
    await page.getByLabel('Username').waitFor()
    assert.equal(await page.title(), 'Sign in · CRM')
    assert.ok((await backgroundLuminance(page)) < 0.05)
    await axeScan(page, 'sign-in in the dark theme')
  })

  it('switches theme from the shell and remembers the choice', async () => {
    const page = await open()
    await page.emulateMedia({ colorScheme: 'light' })
    await login(page, 'manager')
    assert.ok((await backgroundLuminance(page)) > 0.8, 'light by default on a light system')
    const theme = page.getByLabel('Theme')
    assert.equal(await theme.inputValue(), 'system')

    await theme.selectOption('dark')
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark')
    assert.ok((await backgroundLuminance(page)) < 0.05, 'dark after switching')
    assert.equal(await page.evaluate(() => localStorage.getItem('crm.theme')), 'dark')
    await visit(page, { path: '/leads', heading: 'Leads' })
    await axeScan(page, '/leads switched to dark')

    await page.reload()
    await page.getByRole('heading', { name: 'Leads', level: 1 }).waitFor()
    assert.ok((await backgroundLuminance(page)) < 0.05, 'still dark after a reload')
    assert.equal(await page.getByLabel('Theme').inputValue(), 'dark')

    // An explicit light choice wins over a dark system.
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.getByLabel('Theme').selectOption('light')
    assert.ok((await backgroundLuminance(page)) > 0.8, 'light although the system is dark')
    await axeScan(page, '/leads switched to light')

    // Back to the system's choice: nothing stays stored.
    await page.getByLabel('Theme').selectOption('system')
    assert.ok((await backgroundLuminance(page)) < 0.05, 'dark again, as the system')
    assert.equal(await page.evaluate(() => localStorage.getItem('crm.theme')), null)
  })
})
