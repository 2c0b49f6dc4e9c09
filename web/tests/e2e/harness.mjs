// The browser tests' world: a real `crm serve` on a free port over a fresh SQLite database
// seeded with the demo data, and Debian's Chromium driven by playwright-core.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import assert from 'node:assert/strict'
import { chromium } from 'playwright-core'

export const WEB = fileURLToPath(new URL('../..', import.meta.url))
export const RESULTS = join(WEB, 'test-results')
const CRM = process.env.CRM_BIN ?? join(WEB, '..', 'target', 'debug', 'crm')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

async function waitUntilReady(base, child) {
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) throw new Error(`crm serve exited with ${child.exitCode}`)
    try {
      if ((await fetch(`${base}/readyz`)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('crm serve did not become ready in 15 s')
}

/** Starts the server (`env`: more settings, such as `CRM_ACCESS_TTL`); `stop()` ends it and removes its database. */
/** The manager's password on a new installation (`crm user create` asks for 12 characters). */
export const EMPTY_PASSWORD = 'new-installation'

/**
 * Starts the server over the demo data; with `demo: false`, over a new installation that
 * holds only one manager (`manager` / `EMPTY_PASSWORD`) and no leads.
 */
export async function startServer({ env: extra = {}, demo = true } = {}) {
  if (!existsSync(CRM)) throw new Error(`${CRM} is missing: run \`cargo build\` first`)
  if (!existsSync(join(WEB, 'dist', 'index.html'))) throw new Error('web/dist is missing: run `npm run build` first')
  mkdirSync(RESULTS, { recursive: true })
  const dir = mkdtempSync(join(tmpdir(), 'crm-e2e-'))
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const env = {
    ...process.env,
    DATABASE_URL: `sqlite://${join(dir, 'crm.db')}`,
    CRM_BIND: `127.0.0.1:${port}`,
    CRM_PUBLIC_URL: base,
    RUST_LOG: process.env.RUST_LOG ?? 'warn',
    ...extra,
  }
  const seed = demo
    ? spawnSync(CRM, ['seed', '--demo'], { env, encoding: 'utf8' })
    : spawnSync(CRM, ['user', 'create', '--username', 'manager', '--email', 'manager@example.com', '--role', 'manager'], {
        env: { ...env, CRM_PASSWORD: EMPTY_PASSWORD },
        encoding: 'utf8',
      })
  if (seed.status !== 0) throw new Error(`seeding the test server failed: ${seed.stderr}`)
  const log = openSync(join(RESULTS, 'server.log'), 'w')
  const child = spawn(CRM, ['serve', '--bind', `127.0.0.1:${port}`], { env, stdio: ['ignore', log, log] })
  await waitUntilReady(base, child)
  return {
    base,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
        if (child.exitCode === null) child.kill('SIGKILL')
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export async function launchBrowser() {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`)
  // playwright-core gives each launch a fresh, temporary user-data directory.
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
}

/**
 * A new page in its own context, recording console errors, failed scripts and
 * Content-Security-Policy violations in `page.problems`.
 */
export async function newPage(browser, base, { width = 1280, height = 900 } = {}) {
  const context = await browser.newContext({
    baseURL: base,
    viewport: { width, height },
    locale: 'en-KE',
    timezoneId: 'Africa/Nairobi',
    acceptDownloads: true,
  })
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`)
    })
  })
  context.setDefaultTimeout(10_000)
  const page = await context.newPage()
  page.problems = []
  page.on('console', (message) => {
    if (message.type() !== 'error') return
    const text = message.text()
    // Refusals the app shows the user itself (validation errors, a wrong password, ...).
    if (/Failed to load resource: the server responded with a status of (400|401|403|404)/.test(text)) return
    page.problems.push(text)
  })
  page.on('pageerror', (error) => page.problems.push(`page error: ${error.message}`))
  return page
}

export async function login(page, username, password = 'password123') {
  await page.goto('/login')
  await page.getByLabel('Username').fill(username)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor()
}

export async function screenshot(page, name) {
  mkdirSync(RESULTS, { recursive: true })
  await page.screenshot({ path: join(RESULTS, `${name}.png`), fullPage: true })
}

/** Calls the API directly with a fresh login, to check what the browser did. */
export async function apiAs(base, username) {
  const res = await fetch(`${base}/api/auth/login/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: 'password123' }),
  })
  const { access } = await res.json()
  return async (path) => {
    const r = await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${access}` } })
    return r.json()
  }
}

/** Calls the API with any method and a JSON body, as a fresh login of `username`. */
export async function apiClient(base, username) {
  const res = await fetch(`${base}/api/auth/login/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: 'password123' }),
  })
  const { access } = await res.json()
  return async (method, path, body) => {
    const r = await fetch(`${base}${path}`, {
      method,
      headers: { Authorization: `Bearer ${access}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await r.text()
    return { status: r.status, body: text ? JSON.parse(text) : null }
  }
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/**
 * Runs axe-core on the page as it is now and fails on any serious or critical violation.
 * The script is evaluated through the devtools protocol, so the app's strict CSP (which
 * would refuse an injected <script>) stays in force for the app itself.
 */
export async function axeScan(page, label = page.url()) {
  const loaded = await page.evaluate(() => typeof window.axe !== 'undefined')
  if (!loaded) await page.evaluate(AXE_SOURCE)
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] })
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)
  })
  assert.deepEqual(violations, [], `axe found serious or critical violations on ${label}`)
}

/** Fails when the page scrolls sideways (a layout wider than the viewport). */
export async function assertNoSideScroll(page, label = page.url()) {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: window.innerWidth,
  }))
  assert.ok(scroll <= width, `${label} is ${scroll} px wide in a ${width} px viewport`)
}

/** The phone viewport every page is checked at. */
export const PHONE = { width: 390, height: 844 }
