// Forms, feedback and the keyboard: money as people type it, toasts that close and speak the
// form's words, unsaved work that is not lost silently, pre-filled contacts, focus in forms.
import assert from 'node:assert/strict'
import { after, afterEach, before, describe, it } from 'node:test'
import { PHONE, apiClient, axeScan, launchBrowser, login, newPage, screenshot, startServer } from './harness.mjs'

let server
let browser
let api
const pages = []

before(async () => {
  server = await startServer()
  browser = await launchBrowser()
  api = await apiClient(server.base, 'manager')
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

let serial = 0
/** A lead of this test's own, made through the API. */
async function makeLead(fields = {}) {
  serial += 1
  const { status, body } = await api('POST', '/api/leads/', {
    first_name: `Formtest${serial}`,
    last_name: 'Wanjala',
    email: `formtest${serial}@example.co.ke`,
    phone: '0711 222 333',
    ...fields,
  })
  assert.equal(status, 201, JSON.stringify(body))
  return body
}

/** The name and aria-invalid of the element that has focus. */
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement
    return { name: el?.getAttribute('name'), invalid: el?.getAttribute('aria-invalid') }
  })
}

const toasts = (page) => page.locator('[data-toast]')

for (const [size, viewport] of SIZES) {
  describe(`forms on ${size}`, () => {
    it('reads money typed with separators, currency and spaces', async () => {
      const page = await open(viewport)
      await login(page, 'manager')
      await page.goto('/leads/new')
      // The form opens ready to type.
      await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'first_name')
      await page.getByLabel('First name').fill(`Pesa ${size}`)
      await page.getByLabel(/Estimated value/).fill('1,500,000')
      await page.getByRole('button', { name: 'Create lead' }).click()
      await page.getByRole('heading', { name: `Pesa ${size}`, level: 1 }).waitFor()
      // The success made on the form's page travels on to the new lead's page.
      await page.getByRole('status').filter({ hasText: `Lead "Pesa ${size}" created.` }).waitFor()
      const id = Number(new URL(page.url()).pathname.split('/').pop())
      assert.equal((await api('GET', `/api/leads/${id}/`)).body.estimated_value, '1500000.00')

      for (const [typed, stored] of [
        ['Ksh 1 500 000.50', '1500000.50'],
        ['2 750 000', '2750000.00'],
      ]) {
        await page.getByRole('button', { name: 'Edit', exact: true }).click()
        await page.getByLabel(/Estimated value/).fill(typed)
        await page.getByRole('button', { name: 'Save changes' }).click()
        await page.getByRole('button', { name: 'Edit', exact: true }).waitFor()
        assert.equal((await api('GET', `/api/leads/${id}/`)).body.estimated_value, stored, typed)
      }

      // Text that is no amount still gets the field's own message, and focus lands on it.
      await page.getByRole('button', { name: 'Edit', exact: true }).click()
      await page.getByLabel(/Estimated value/).fill('lots')
      await page.getByRole('button', { name: 'Save changes' }).click()
      await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'estimated_value')
      const value = page.getByLabel(/Estimated value/)
      assert.equal(await value.getAttribute('aria-invalid'), 'true')
      const message = page.locator(`#${await value.getAttribute('aria-describedby')}`)
      assert.ok((await message.innerText()).length > 0)
      await page.getByRole('alert').filter({ hasText: /^Estimated value: / }).waitFor()
      await axeScan(page, `lead edit with errors (${size})`)
    })

    it('closes success toasts by themselves and failures with × or Escape, in words the user sees', async () => {
      const page = await open(viewport)
      await login(page, 'manager')
      const lead = await makeLead()
      await page.goto(`/leads/${lead.id}`)
      await page.getByRole('button', { name: 'Edit', exact: true }).click()

      // A job title over 100 characters: the toast names the label "Job title", not `title`.
      await page.getByLabel('Job title').fill('x'.repeat(120))
      await page.getByRole('button', { name: 'Save changes' }).click()
      const failure = page.getByRole('alert').filter({ hasText: 'Job title' })
      await failure.waitFor()
      assert.match(await failure.innerText(), /^Job title: /)
      assert.equal(await focused(page).then((f) => f.name), 'title')

      // Different failures stack to at most three, the newest on top.
      await page.getByLabel('Job title').fill('Director')
      await page.getByLabel('Email').fill('not-an-email')
      await page.getByRole('button', { name: 'Save changes' }).click()
      await page.getByRole('alert').filter({ hasText: /^Email: / }).waitFor()
      await page.getByLabel('Email').fill('ok@example.co.ke')
      await page.getByLabel('Phone').fill('garbage')
      await page.getByRole('button', { name: 'Save changes' }).click()
      await page.getByRole('alert').filter({ hasText: /^Phone: / }).waitFor()
      await page.getByLabel('Phone').fill('0711 222 333')
      await page.getByLabel(/Estimated value/).fill('-5')
      await page.getByRole('button', { name: 'Save changes' }).click()
      await page.getByRole('alert').filter({ hasText: /^Estimated value: / }).waitFor()
      await page.waitForFunction(() => document.querySelectorAll('[data-toast]').length === 3)
      assert.match(await toasts(page).first().innerText(), /^Estimated value: /)
      await axeScan(page, `toasts (${size})`)
      await screenshot(page, `toasts-${size}`)

      // × closes one (the button is labelled); Escape closes the latest of the rest.
      const top = toasts(page).first()
      await top.getByRole('button', { name: 'Close message' }).click()
      await page.waitForFunction(() => document.querySelectorAll('[data-toast]').length === 2)
      assert.equal(await page.getByRole('alert').filter({ hasText: /^Estimated value: / }).count(), 0)
      await page.getByLabel('First name').focus()
      await page.keyboard.press('Escape')
      await page.waitForFunction(() => document.querySelectorAll('[data-toast]').length === 1)
      assert.match(await toasts(page).first().innerText(), /^Email: /)
      await page.keyboard.press('Escape')
      await page.waitForFunction(() => document.querySelectorAll('[data-toast]').length === 0)

      // A success closes by itself after a few seconds; failures above did not.
      await page.getByLabel(/Estimated value/).fill('1000')
      await page.getByRole('button', { name: 'Save changes' }).click()
      const saved = page.getByRole('status').filter({ hasText: 'Lead saved.' })
      await saved.waitFor()
      await saved.waitFor({ state: 'detached', timeout: 9000 })
    })

    it('keeps the toasts off the pagination, and drops failures when the page is left', async () => {
      const page = await open(viewport)
      await login(page, 'manager')
      await page.goto('/leads/new')
      await page.getByLabel('First name').fill('x'.repeat(150))
      await page.getByRole('button', { name: 'Create lead' }).click()
      await page.getByRole('alert').filter({ hasText: /^First name: / }).waitFor()
      // Leaving by the form's Cancel: the form is dirty, so confirm; the failure stays behind.
      await page.getByRole('button', { name: 'Cancel' }).click()
      await page.getByRole('button', { name: 'Discard changes' }).click()
      await page.waitForURL(/\/leads$/)
      await page.waitForFunction(() => document.querySelectorAll('[role="alert"][data-toast]').length === 0)

      // A toast on the list page itself (the export's), with the pagination in view.
      const download = page.waitForEvent('download')
      await page.getByRole('button', { name: 'Export CSV' }).click()
      await download
      await page.getByRole('status').filter({ hasText: 'Export downloaded.' }).waitFor()
      const pagination = page.getByRole('navigation', { name: 'Pagination' })
      await pagination.waitFor()
      await pagination.scrollIntoViewIfNeeded()
      const toast = toasts(page).first()
      await toast.waitFor()
      const a = await toast.boundingBox()
      const b = await pagination.boundingBox()
      const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
      assert.equal(overlap, false, `toast ${JSON.stringify(a)} covers pagination ${JSON.stringify(b)}`)
      // Inside the viewport, clear of its edges.
      const vp = page.viewportSize()
      assert.ok(a.x >= 8 && a.x + a.width <= vp.width - 8, `toast ${JSON.stringify(a)} within ${vp.width}`)
      await axeScan(page, `leads with a toast (${size})`)
    })

    it('asks before leaving a half-edited lead form', async () => {
      const page = await open(viewport)
      await login(page, 'manager')
      const lead = await makeLead({ company: 'Before Ltd' })
      await page.goto(`/leads/${lead.id}`)
      await page.getByRole('button', { name: 'Edit', exact: true }).click()
      await page.getByLabel('Company').fill('Half typed')

      // Leaving by a link asks; staying keeps the typing.
      const leave = () => page.evaluate(() => document.querySelector('a[href="/leads"]')?.click())
      await leave()
      const dialog = page.getByRole('dialog', { name: 'Discard changes?' })
      await dialog.waitFor()
      await axeScan(page, `discard question (${size})`)
      await dialog.getByRole('button', { name: 'Keep editing' }).click()
      await dialog.waitFor({ state: 'hidden' })
      assert.match(page.url(), new RegExp(`/leads/${lead.id}$`))
      assert.equal(await page.getByLabel('Company').inputValue(), 'Half typed')

      // The form's own Cancel asks too.
      await page.locator('form.lead-form').getByRole('button', { name: 'Cancel' }).click()
      await dialog.getByRole('button', { name: 'Keep editing' }).click()
      assert.equal(await page.getByLabel('Company').inputValue(), 'Half typed')

      // Confirming leaves, and nothing was saved.
      await leave()
      await dialog.getByRole('button', { name: 'Discard changes' }).click()
      await page.waitForURL(/\/leads$/)
      assert.equal((await api('GET', `/api/leads/${lead.id}/`)).body.company, 'Before Ltd')

      // An untouched form leaves without a question.
      await page.goto(`/leads/${lead.id}`)
      await page.getByRole('button', { name: 'Edit', exact: true }).click()
      await page.getByLabel('Company').waitFor()
      await leave()
      await page.waitForURL(/\/leads$/)
    })

    it('asks before leaving a half-typed new lead, also when the tab closes', async () => {
      const page = await open(viewport)
      await login(page, 'manager')
      await page.goto('/leads/new')
      // Typed for real: the browser asks on closing only after the user has interacted.
      await page.getByLabel('First name').click()
      await page.keyboard.type('Nusu')
      await page.evaluate(() => document.querySelector('a[href="/"]')?.click())
      const dialog = page.getByRole('dialog', { name: 'Discard changes?' })
      await dialog.getByRole('button', { name: 'Keep editing' }).click()
      assert.match(page.url(), /\/leads\/new$/)
      assert.equal(await page.getByLabel('First name').inputValue(), 'Nusu')

      // Closing or reloading the tab: the browser's own question.
      const asked = new Promise((resolve) =>
        page.once('dialog', async (d) => {
          resolve(d.type())
          await d.accept()
        }),
      )
      await page.close({ runBeforeUnload: true })
      assert.equal(await asked, 'beforeunload')
    })

    it("starts a new lead's first contact from the lead, and focuses the form and its first error", async () => {
      const page = await open(viewport)
      await login(page, 'manager')
      const lead = await makeLead()
      await page.goto(`/leads/${lead.id}`)
      const contacts = page.getByRole('region', { name: 'Contacts' })
      await contacts.getByText('No contacts yet.').waitFor()
      await contacts.getByRole('button', { name: 'Add contact' }).click()
      await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'contact_first_name')
      assert.equal(await contacts.getByLabel('First name').inputValue(), lead.first_name)
      assert.equal(await contacts.getByLabel('Last name').inputValue(), 'Wanjala')
      assert.equal(await contacts.getByLabel('Email').inputValue(), lead.email)
      assert.equal(await contacts.getByLabel('Phone').inputValue(), lead.phone)
      assert.equal(await contacts.getByLabel('Primary contact').isChecked(), true)
      await axeScan(page, `contact form (${size})`)

      // A refused contact: focus on the first field in error, the toast in the form's words.
      await contacts.getByLabel('First name').fill('')
      await contacts.getByLabel('Phone').fill('garbage')
      await contacts.getByRole('button', { name: 'Save contact' }).click()
      await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'contact_first_name')
      const first = contacts.getByLabel('First name')
      assert.equal(await first.getAttribute('aria-invalid'), 'true')
      assert.ok(await page.locator(`#${await first.getAttribute('aria-describedby')}`).innerText())
      await page.getByRole('alert').filter({ hasText: /^First name: .*Phone: / }).waitFor()

      // Editable: another first name is kept.
      await contacts.getByLabel('First name').fill('Baraka')
      await contacts.getByLabel('Phone').fill('0722 333 444')
      await contacts.getByRole('button', { name: 'Save contact' }).click()
      await contacts.locator('[data-test="contact"]').filter({ hasText: 'Baraka Wanjala' }).waitFor()
      const saved = (await api('GET', `/api/contacts/?lead=${lead.id}`)).body.results
      assert.deepEqual(
        saved.map((c) => [c.first_name, c.email, c.phone, c.is_primary]),
        [['Baraka', lead.email, '+254722333444', true]],
      )
      // Focus returns to the button that opened the form; a second contact starts blank.
      await page.waitForFunction(() => document.activeElement?.textContent?.trim() === 'Add contact')
      await contacts.getByRole('button', { name: 'Add contact' }).click()
      assert.equal(await contacts.getByLabel('First name').inputValue(), '')
      await screenshot(page, `contact-form-${size}`)
    })

    it('moves focus into the lead form on Edit and to the first error on a refused save', async () => {
      const page = await open(viewport)
      await login(page, 'manager')
      const lead = await makeLead()
      await page.goto(`/leads/${lead.id}`)
      await page.getByRole('button', { name: 'Edit', exact: true }).click()
      await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'first_name')
      await page.getByLabel('Email').fill('nope')
      await page.getByLabel('Phone').fill('nope')
      await page.getByRole('button', { name: 'Save changes' }).click()
      await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'email')
      const email = page.getByLabel('Email')
      assert.equal(await email.getAttribute('aria-invalid'), 'true')
      assert.ok(await page.locator(`#${await email.getAttribute('aria-describedby')}`).innerText())
      await axeScan(page, `lead form errors (${size})`)
    })
  })
}
