#!/usr/bin/env node
// The daily pages at scale: the Today page, the pipeline and the global search, on SQLite and
// PostgreSQL with N bulk leads. For each it prints the server's time for the requests the page
// makes (median of sequential requests on one keep-alive connection, client included) and the
// time to content in headless Chromium, both opening the page's URL (the app boots, restores
// the session from its cookie, then loads the page) and moving to it inside the running app.
// Asserts nothing about time.
//
//   node bench/daily.mjs                                # 100 000 and 1 000 000 leads, release build
//   node bench/daily.mjs --leads 2000 --binary target/debug/crm --runs 2   # a quick run
//   node bench/daily.mjs --reuse                        # keep and reuse the loaded databases
//
// The databases are the ones `bench/run.py` uses (`$TMPDIR/crm-bench/bench-N.db` and the
// PostgreSQL database `crm_bench_N`), so `--reuse` shares them between the two programs.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)))
const { chromium } = createRequire(join(ROOT, 'web', 'package.json'))('playwright-core')
const PG_ADMIN = process.env.CRM_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

const { values: opts } = parseArgs({
  options: {
    leads: { type: 'string', default: '100000,1000000' },
    backends: { type: 'string', default: 'sqlite,postgres' },
    binary: { type: 'string', default: join(ROOT, 'target', 'release', 'crm') },
    runs: { type: 'string', default: '7' },
    reuse: { type: 'boolean', default: false },
  },
})
const RUNS = Number(opts.runs)

function run(cmd, args, env) {
  const out = spawnSync(cmd, args, { env, encoding: 'utf8', maxBuffer: 64 << 20 })
  if (out.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${out.stderr}`)
  return out.stdout
}

function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
  })
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}
const ms = (x) => x.toFixed(1)

/** A database with `n` bulk leads (and the demo users), loaded unless reused. */
function load(backend, n) {
  const env = { ...process.env, RUST_LOG: 'warn' }
  let url
  let fresh = true
  if (backend === 'sqlite') {
    const dir = join(process.env.TMPDIR ?? tmpdir(), 'crm-bench')
    mkdirSync(dir, { recursive: true })
    const file = join(dir, `bench-${n}.db`)
    url = `sqlite://${file}`
    fresh = !(opts.reuse && existsSync(file))
    if (fresh) for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true })
  } else {
    const name = `crm_bench_${n}`
    url = `${PG_ADMIN.slice(0, PG_ADMIN.lastIndexOf('/'))}/${name}`
    const exists = run('psql', [PG_ADMIN, '-XAtc', `SELECT 1 FROM pg_database WHERE datname = '${name}'`]).trim()
    fresh = !(opts.reuse && exists)
    if (fresh) {
      run('psql', [PG_ADMIN, '-Xqc', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`])
      run('psql', [PG_ADMIN, '-Xqc', `CREATE DATABASE ${name}`])
    }
  }
  if (!fresh) return { url, report: 'reused' }
  const started = Date.now()
  run(opts.binary, ['seed', '--demo'], { ...env, DATABASE_URL: url })
  run(opts.binary, ['seed', '--bulk', String(n)], { ...env, DATABASE_URL: url })
  return { url, report: `loaded in ${((Date.now() - started) / 1000).toFixed(1)} s` }
}

async function serve(url) {
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const env = { ...process.env, DATABASE_URL: url, CRM_BIND: `127.0.0.1:${port}`, CRM_PUBLIC_URL: base, RUST_LOG: 'warn' }
  const child = spawn(opts.binary, ['serve'], { env, stdio: 'ignore' })
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) break
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return { base, stop: () => child.kill('SIGTERM') }
}

async function token(base, username) {
  const r = await fetch(`${base}/api/auth/login/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: 'password123' }),
  })
  return (await r.json()).access
}

/** Median wall time of `RUNS` sequential GETs of each path (after one warm-up). */
async function serverTimes(base, access, paths) {
  const out = {}
  for (const [name, path] of Object.entries(paths)) {
    const times = []
    for (let i = 0; i <= RUNS; i++) {
      const t = performance.now()
      const r = await fetch(base + path, { headers: { Authorization: `Bearer ${access}` } })
      await r.arrayBuffer()
      if (!r.ok) throw new Error(`${path}: ${r.status}`)
      if (i > 0) times.push(performance.now() - t)
    }
    out[name] = median(times)
  }
  return out
}

const endOfToday = () => {
  const d = new Date()
  d.setHours(23, 59, 59, 0)
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

function pagePaths() {
  const statuses = ['new', 'contacted', 'qualified', 'converted', 'lost']
  const today = {
    'today: overdue': '/api/reminders/?overdue=true&ordering=-remind_at&page=1&page_size=20&recipient=me',
    'today: due today': `/api/reminders/?upcoming=true&remind_at_before=${endOfToday()}&ordering=remind_at&page=1&page_size=20&recipient=me`,
    'today: nav count': `/api/reminders/?completed=false&status=pending,sent,failed&recipient=me&remind_at_before=${endOfToday()}&page_size=1`,
  }
  const pipeline = { 'pipeline: board figures': '/api/leads/board/' }
  for (const s of statuses) pipeline[`pipeline: ${s} first 50`] = `/api/leads/?status=${s}&page=1&page_size=50&ordering=-estimated_value`
  const search = {
    'search: name prefix "wanj"': '/api/search/?q=wanj',
    'search: phone "0712 345"': `/api/search/?q=${encodeURIComponent('0712 345')}`,
    'search: two words "mary nai"': `/api/search/?q=${encodeURIComponent('mary nai')}`,
  }
  return { today, pipeline, search }
}

/** Time from an action to the moment `ready` holds in the page. */
async function timeTo(page, action, ready) {
  const t = performance.now()
  await action()
  await page.waitForFunction(ready, null, { timeout: 60_000, polling: 'raf' })
  return performance.now() - t
}

const TODAY_READY = () =>
  !!document.querySelector('[data-test="count-overdue"]') && !!document.querySelector('[data-test="count-today"]')
const PIPELINE_READY = () => {
  const cols = [...document.querySelectorAll('[data-test="pipeline-column"]')]
  return (
    cols.length === 5 &&
    cols.every((c) => {
      const count = c.querySelector('[data-test="column-count"]')?.textContent?.replace(/\D/g, '')
      return count !== undefined && count !== '' && (count === '0' || c.querySelector('[data-test="column-cards"] a, [data-test="column-cards"] li'))
    })
  )
}
const SEARCH_READY = () => document.querySelectorAll('[data-test="search-option"]').length > 0

async function browserTimes(browser, base) {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 900 }, locale: 'en-KE' })
  const page = await context.newPage()
  await page.goto('/login')
  await page.getByLabel('Username').fill('manager')
  await page.getByLabel('Password').fill('password123')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor()
  const result = { 'Today page': { open: [], inApp: [] }, 'Pipeline': { open: [], inApp: [] }, 'Global search': { open: [], inApp: [] } }
  for (let i = 0; i <= RUNS; i++) {
    const keep = i > 0
    const todayOpen = await timeTo(page, () => page.goto('/today', { waitUntil: 'commit' }), TODAY_READY)
    const pipeOpen = await timeTo(page, () => page.goto('/pipeline', { waitUntil: 'commit' }), PIPELINE_READY)
    await page.goto('/leads')
    await page.getByRole('heading', { name: 'Leads', level: 1 }).waitFor()
    const todayInApp = await timeTo(page, () => page.getByRole('link', { name: /^Today/ }).first().click(), TODAY_READY)
    const pipeInApp = await timeTo(page, () => page.getByRole('link', { name: 'Pipeline' }).first().click(), PIPELINE_READY)
    // The search box: from the last keystroke to the first result (the box waits for a
    // pause in typing before it asks; that pause is part of what the user sees).
    await page.keyboard.press('Control+k')
    const box = page.getByPlaceholder('Search leads, contacts and notes')
    await box.waitFor()
    const searchTime = await timeTo(page, () => box.fill(i % 2 ? 'wanj' : 'kamau'), SEARCH_READY)
    await page.keyboard.press('Escape')
    if (keep) {
      result['Today page'].open.push(todayOpen)
      result['Today page'].inApp.push(todayInApp)
      result['Pipeline'].open.push(pipeOpen)
      result['Pipeline'].inApp.push(pipeInApp)
      result['Global search'].inApp.push(searchTime)
    }
  }
  await context.close()
  return result
}

async function main() {
  if (!existsSync(opts.binary)) throw new Error(`${opts.binary} is missing: cargo build --release`)
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] })
  const rows = []
  const pageRows = []
  try {
    for (const n of opts.leads.split(',').map(Number)) {
      for (const backend of opts.backends.split(',')) {
        const { url, report } = load(backend, n)
        console.error(`${backend} ${n} leads: ${report}`)
        const server = await serve(url)
        try {
          const access = await token(server.base, 'manager')
          for (const group of Object.values(pagePaths())) {
            for (const [name, t] of Object.entries(await serverTimes(server.base, access, group))) rows.push([n, backend, name, t])
          }
          for (const [name, t] of Object.entries(await browserTimes(browser, server.base))) {
            pageRows.push([n, backend, name, t.open.length ? median(t.open) : null, median(t.inApp)])
          }
        } finally {
          server.stop()
        }
      }
    }
  } finally {
    await browser.close()
  }
  console.log(`\n### Server time per request (median of ${RUNS}, ms)\n`)
  console.log('| leads | backend | request | ms |\n|---:|---|---|---:|')
  for (const [n, b, name, t] of rows) console.log(`| ${n.toLocaleString('en')} | ${b} | ${name} | ${ms(t)} |`)
  console.log(`\n### Time to content in Chromium (median of ${RUNS}, ms)\n`)
  console.log('| leads | backend | page | opening its URL | inside the app |\n|---:|---|---|---:|---:|')
  for (const [n, b, name, open, inApp] of pageRows) {
    console.log(`| ${n.toLocaleString('en')} | ${b} | ${name} | ${open === null ? '' : ms(open)} | ${ms(inApp)} |`)
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
