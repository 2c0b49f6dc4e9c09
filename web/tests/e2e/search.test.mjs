// The global search box in real Chromium against a real server with the demo data: Ctrl+K
// and `/` open it, a phone typed in digit groups and a contact's name find their leads, the
// keyboard moves through the results and opens one, at desktop and phone sizes.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { after, afterEach, before, describe, it } from 'node:test'
import {
  PHONE,
  apiAs,
  assertNoSideScroll,
  axeScan,
  launchBrowser,
  login,
  newPage,
  RESULTS,
  startServer,
} from './harness.mjs'

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

const box = (page) => page.getByRole('combobox', { name: 'Search leads, contacts and notes' })
const group = (page, name) => page.getByRole('listbox', { name: 'Search results' }).getByRole('group', { name })
const focused = (locator) => locator.evaluate((el) => el === document.activeElement)

/** The id of the demo lead named `name`, read through the API. */
async function leadId(name) {
  const get = await apiAs(server.base, 'agent')
  const page = await get(`/api/leads/?search=${encodeURIComponent(name)}`)
  assert.equal(page.count, 1, `one demo lead named ${name}`)
  return page.results[0].id
}

describe('the global search', () => {
  for (const [size, viewport] of [['desktop', undefined], ['phone', PHONE]]) {
    it(`finds a lead by its phone typed in digit groups (${size})`, async () => {
      const page = await open(viewport)
      await login(page, 'agent')
      await page.getByRole('button', { name: 'Search', exact: true }).click()
      const input = box(page)
      assert.equal(await focused(input), true, 'the box has focus when it opens')
      // The demo lead Otieno Odhiambo's phone is +254722456789.
      await input.fill('0722 456 789')
      const leads = group(page, 'Leads')
      await leads.getByRole('option', { name: /Otieno Odhiambo/ }).waitFor()
      assert.equal(await leads.getByRole('option').count(), 1)
      await page.locator('[data-test="search-status"]').getByText(/1 lead/).waitFor()
      await axeScan(page, `the global search (${size})`)
      await assertNoSideScroll(page, `the global search (${size})`)
      // The screen as it looks (not the whole page under the dialog) for the README.
      await page.screenshot({ path: join(RESULTS, `search-${size}.png`) })
      for (const typed of ['0722-456-789', '0722.456.789', '+254 722 456 789']) {
        await input.fill(typed)
        await page.locator('[data-test="search-status"]').getByText('Searching…').waitFor({ state: 'detached' })
        assert.deepEqual(await leads.getByRole('option').allInnerTexts().then((t) => t.map((s) => s.split('\n')[0])), ['Otieno Odhiambo'], typed)
      }
      await leads.getByRole('option', { name: /Otieno Odhiambo/ }).click()
      await page.waitForURL(new RegExp(`/leads/${await leadId('Otieno Odhiambo')}$`))
      assert.equal(await page.getByRole('dialog').count(), 0, 'the box closes on a choice')
    })
  }

  it("finds a lead by a contact's name; the arrow keys and Enter open it", async () => {
    const page = await open()
    await login(page, 'agent')
    await page.keyboard.press('Control+k')
    const input = box(page)
    assert.equal(await focused(input), true)
    // Faith Atieno is a contact of the demo lead Achieng Onyango, not named in the lead.
    await input.fill('faith atieno')
    const lead = group(page, 'Leads').getByRole('option', { name: /Achieng Onyango/ })
    await lead.waitFor()
    await group(page, 'Contacts').getByRole('option', { name: /Faith Atieno/ }).waitFor()
    assert.equal(await lead.getAttribute('aria-selected'), 'false')
    await page.keyboard.press('ArrowDown')
    assert.equal(await lead.getAttribute('aria-selected'), 'true')
    assert.equal(await input.getAttribute('aria-activedescendant'), await lead.getAttribute('id'))
    await page.keyboard.press('ArrowUp')
    assert.equal(await lead.getAttribute('aria-selected'), 'false', 'up from the first wraps to the last')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    await page.waitForURL(new RegExp(`/leads/${await leadId('Achieng Onyango')}$`))
    await page.getByRole('heading', { name: 'Achieng Onyango', level: 1 }).waitFor()
  })

  it("finds a lead by its second contact's phone and a note by its words (phone)", async () => {
    const page = await open(PHONE)
    await login(page, 'agent')
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    await box(page).fill('0790 123 456')
    // The assistants share one number: each of their leads is found through them.
    await group(page, 'Leads').getByRole('option', { name: /Wanjiku Kamau/ }).waitFor()
    await group(page, 'Contacts').getByRole('option', { name: /Peter Mwangi/ }).waitFor()
    await box(page).fill('fleet tracking')
    const note = group(page, 'Notes').getByRole('option', { name: /fleet-tracking pilot/ })
    await note.waitFor()
    await assertNoSideScroll(page, 'the global search with notes (phone)')
    await note.click()
    await page.waitForURL(new RegExp(`/leads/${await leadId('Wanjiku Kamau')}$`))
  })

  it('opens with / off the leads list, focuses the list search on it, and Escape gives focus back', async () => {
    const page = await open()
    await login(page, 'manager')
    const trigger = page.getByRole('button', { name: 'Search', exact: true })
    await trigger.click()
    await box(page).waitFor()
    await page.keyboard.press('Escape')
    await box(page).waitFor({ state: 'detached' })
    assert.equal(await focused(trigger), true, 'focus returns to the button that opened it')

    await page.locator('body').click({ position: { x: 5, y: 300 } })
    await page.keyboard.press('/')
    await box(page).waitFor()
    assert.equal(await focused(box(page)), true)
    await box(page).fill('wanj')
    await group(page, 'Leads').getByRole('option').first().waitFor()
    await page.keyboard.press('Escape')
    await box(page).waitFor({ state: 'detached' })
    assert.match(page.url(), /\/$/, 'Escape opens nothing')

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Leads', exact: true }).click()
    const listSearch = page.getByLabel('Search', { exact: true })
    await listSearch.waitFor()
    await page.locator('h1').click()
    await page.keyboard.press('/')
    assert.equal(await focused(listSearch), true, '/ on the leads list focuses its own search')
    assert.equal(await box(page).count(), 0)
    // Ctrl+K works even from inside a text field.
    await page.keyboard.press('Control+k')
    await box(page).waitFor()
    await box(page).fill('zzzz-nothing')
    await page.locator('[data-test="search-status"]').getByText('Nothing matches “zzzz-nothing”.').waitFor()
    // Enter with no result chosen opens the leads list searched for the text.
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/leads\?.*search=zzzz-nothing/)
    await axeScan(page, 'the leads list after a search')
  })
})
