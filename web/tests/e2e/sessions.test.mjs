// One browser, many tabs, one session: new tabs are signed in, tabs refresh in turn (never
// tripping the server's reuse detection), signing out or in reaches every tab, and a session
// that ended says so on the sign-in page.
import assert from 'node:assert/strict'
import { after, afterEach, before, describe, it } from 'node:test'
import { PHONE, apiAs, axeScan, launchBrowser, login, newPage, screenshot, startServer } from './harness.mjs'

let server
/** A server whose access tokens last 2 s, so that every tab soon has to refresh. */
let shortLived
let browser
const pages = []

before(async () => {
  ;[server, shortLived] = await Promise.all([startServer(), startServer({ env: { CRM_ACCESS_TTL: '2s' } })])
  browser = await launchBrowser()
})

after(async () => {
  await browser?.close()
  await Promise.all([server?.stop(), shortLived?.stop()])
})

async function open(base = server.base, viewport) {
  const page = await newPage(browser, base, viewport)
  pages.push(page)
  return page
}

/** Another tab of `page`'s browser (the same cookies), watched for errors like the first. */
function watch(tab, first) {
  tab.on('console', (message) => {
    if (message.type() !== 'error') return
    const text = message.text()
    if (/Failed to load resource: the server responded with a status of (400|401|403|404)/.test(text)) return
    first.problems.push(`${tab.url()}: ${text}`)
  })
  tab.on('pageerror', (error) => first.problems.push(`page error: ${error.message}`))
  return tab
}

async function newTab(page) {
  return watch(await page.context().newPage(), page)
}

afterEach(async () => {
  for (const page of pages.splice(0)) {
    const problems = page.problems
    await page.context().close()
    assert.deepEqual(problems, [], 'console errors or CSP violations')
  }
})

/** The session cookie as the browser keeps it. */
async function sessionCookie(page) {
  const cookies = await page.context().cookies()
  return cookies.find((c) => c.name === 'crm_refresh')
}

/** Opens the top menu when it is folded behind its button (on phones). */
async function unfoldMenu(tab) {
  const button = tab.getByRole('button', { name: 'Menu' })
  if ((await button.isVisible()) && (await button.getAttribute('aria-expanded')) !== 'true') await button.click()
}

async function goTo(tab, label) {
  await unfoldMenu(tab)
  await tab.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label, exact: true }).click()
  await tab.getByRole('heading', { name: label, level: 1 }).waitFor()
}

async function signOut(tab) {
  await unfoldMenu(tab)
  await tab.getByRole('button', { name: 'Sign out' }).click()
}

async function signedOutState(page) {
  return page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length, cookie: document.cookie }))
}

const VIEWPORTS = [
  ['desktop', undefined],
  ['phone', PHONE],
]

describe('a new tab', () => {
  for (const [label, viewport] of VIEWPORTS) {
    it(`is signed in when a lead is opened in it (${label})`, async () => {
      const page = await open(server.base, viewport)
      await login(page, 'agent')
      const leads = await apiAs(server.base, 'agent')
      const lead = (await leads('/api/leads/')).results[0]

      const tab = await newTab(page)
      await tab.goto(`/leads/${lead.id}`)
      await tab.getByRole('heading', { name: lead.full_name, level: 1 }).waitFor()
      assert.equal(new URL(tab.url()).pathname, `/leads/${lead.id}`)
      // The first tab goes on with the session the new one renewed.
      await goTo(page, 'Leads')
      await page.reload()
      await page.getByRole('heading', { name: 'Leads', level: 1 }).waitFor()
      assert.deepEqual(await signedOutState(tab), { local: 0, session: 0, cookie: '' })
    })
  }

  it('opened from a link with Ctrl+click shows the lead, signed in', async () => {
    const page = await open()
    await login(page, 'manager')
    await page.goto('/leads')
    const link = page.getByRole('link', { name: /Wanjiku Kamau/ }).first()
    const [tab] = await Promise.all([page.context().waitForEvent('page'), link.click({ modifiers: ['Control'] })])
    watch(tab, page)
    await tab.getByRole('heading', { name: 'Wanjiku Kamau', level: 1 }).waitFor()
    assert.match(tab.url(), /\/leads\/\d+$/)
  })

  it('keeps the refresh token in an HttpOnly cookie the page cannot read', async () => {
    const page = await open()
    await login(page, 'agent')
    assert.deepEqual(await signedOutState(page), { local: 0, session: 0, cookie: '' })
    const cookie = await sessionCookie(page)
    assert.ok(cookie, 'the crm_refresh cookie is set')
    assert.deepEqual([cookie.httpOnly, cookie.sameSite, cookie.path], [true, 'Strict', '/api/auth/'])
  })
})

/**
 * Has every tab do `what` at the same moment (the same wall-clock millisecond, on each
 * page's own timer), so that their requests truly race: `reload`, or following the main
 * menu's link to `href`.
 */
async function allAtOnce(tabs, what, href) {
  const at = Date.now() + 400
  await Promise.all(
    tabs.map((tab) =>
      tab.evaluate(
        ([at, what, href]) => {
          setTimeout(() => {
            if (what === 'reload') location.reload()
            else document.querySelector(`nav[aria-label="Main"] a[href="${href}"]`).click()
          }, at - Date.now())
        },
        [at, what, href],
      ),
    ),
  )
}

describe('tabs that refresh at the same time', () => {
  it('all keep working, and the session is not revoked', async () => {
    const page = await open(shortLived.base)
    await login(page, 'manager')
    const tabs = [page, await newTab(page), await newTab(page), await newTab(page)]
    await Promise.all(tabs.slice(1).map((tab) => tab.goto('/leads')))
    await Promise.all(tabs.slice(1).map((tab) => tab.getByRole('heading', { name: 'Leads', level: 1 }).waitFor()))
    const heading = (tab, name) => tab.getByRole('heading', { name, level: 1 }).waitFor()
    for (const [href, name] of [
      ['/pipeline', 'Pipeline'],
      ['/', 'Dashboard'],
    ]) {
      // Every tab's access token has expired: each needs a refresh, all at once.
      await page.waitForTimeout(2100)
      await allAtOnce(tabs, 'navigate', href)
      await Promise.all(tabs.map((tab) => heading(tab, name)))
    }
    // Reloads restore the session in every tab at once (no access token at all yet).
    for (let round = 0; round < 2; round++) {
      await allAtOnce(tabs, 'reload')
      await page.waitForTimeout(600)
      await Promise.all(tabs.map((tab) => heading(tab, 'Dashboard')))
    }
    for (const tab of tabs) assert.doesNotMatch(tab.url(), /\/login/)
    const cookie = await sessionCookie(page)
    const res = await fetch(`${shortLived.base}/api/auth/refresh/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refresh: cookie.value }),
    })
    assert.equal(res.status, 200, 'the latest cookie is still the live one: no tab sent a rotated-out token')
  })
})

describe('signing out and in', () => {
  for (const [label, viewport] of VIEWPORTS) {
    it(`signs out every tab, and the sign-in page says why (${label})`, async () => {
      const page = await open(server.base, viewport)
      await login(page, 'agent')
      const other = await newTab(page)
      await other.goto('/leads')
      await other.getByRole('heading', { name: 'Leads', level: 1 }).waitFor()

      await signOut(page)
      await page.getByRole('heading', { name: 'Sign in to the CRM' }).waitFor()
      await other.waitForURL(/\/login\?next=(\/|%2F)leads$/)
      await other.getByRole('status').filter({ hasText: 'You signed out in another tab.' }).waitFor()
      await axeScan(other, `sign-in after a sign-out elsewhere (${label})`)
      await screenshot(other, `login-signed-out-elsewhere-${label}`)
      assert.equal(await sessionCookie(page), undefined, 'the cookie is cleared')
      await other.reload()
      await other.getByRole('heading', { name: 'Sign in to the CRM' }).waitFor()

      // Signing in again in one tab resumes the other where it was.
      await page.getByLabel('Username').fill('agent')
      await page.getByLabel('Password').fill('password123')
      await page.getByRole('button', { name: 'Sign in' }).click()
      await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor()
      await other.waitForURL(/\/leads$/)
      await other.getByRole('heading', { name: 'Leads', level: 1 }).waitFor()
    })
  }

  it('tells a tab whose session was revoked that it ended, and so does a new tab', async () => {
    const page = await open()
    await login(page, 'agent')
    // The cookie is stolen and used twice: the server ends the whole session.
    const stolen = (await sessionCookie(page)).value
    const use = () =>
      fetch(`${server.base}/api/auth/refresh/`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refresh: stolen }),
      })
    assert.equal((await use()).status, 200)
    assert.equal((await use()).status, 401)

    const tab = await newTab(page)
    await tab.goto('/leads/1')
    await tab.waitForURL(/\/login\?next=(\/|%2F)leads(\/|%2F)1$/)
    await tab.getByRole('status').filter({ hasText: 'Your session ended. Sign in again.' }).waitFor()
    await axeScan(tab, 'sign-in after the session ended')
    await screenshot(tab, 'login-session-ended')
    await page.waitForURL(/\/login/)
    await page.getByRole('status').filter({ hasText: 'Your session ended. Sign in again.' }).waitFor()
  })
})
