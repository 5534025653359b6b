'use strict';
// Keyboard focus: after a search, the focus is on the results heading (a heading with
// tabindex=-1: screen readers read how many results there are, and Tab goes on into them); after
// another page of results, a document and the browser's Back, it is there again; the first load of
// a page leaves it where the browser puts it; facets and sort keep it on their control.
const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const H = require('../lib/harness');

/** What has the focus: 'body', or the element's id (or tag and class). */
function focused(page) {
  return page.evaluate(() => {
    const a = document.activeElement;
    if (!a || a === document.body) return 'body';
    return a.id ? '#' + a.id : a.tagName.toLowerCase() + (a.className ? '.' + String(a.className).split(' ')[0] : '');
  });
}

async function assertOnResults(page, when) {
  assert.equal(await focused(page), '#results-title', `${when}: the focus is on the results heading`);
  const heading = await page.evaluate(() => {
    const a = document.activeElement;
    return { tag: a.tagName, tabindex: a.getAttribute('tabindex'), inResults: !!a.closest('section.results'), text: a.textContent };
  });
  assert.equal(heading.tag, 'H1');
  assert.equal(heading.tabindex, '-1', 'focusable by script, not a tab stop');
  assert.ok(heading.inResults, 'inside the results region');
  assert.match(heading.text, /\d/, 'the heading says how many results');
}

describe('keyboard focus', () => {
  let archive;
  let browser;
  before(async () => {
    archive = await H.startArchive();
    browser = await H.launchBrowser();
  });
  after(async () => {
    if (browser) await browser.close();
    if (archive) await archive.stop();
  });

  test('the first load of / or of a results page does not move the focus', async () => {
    const page = await H.openPage(browser);
    try {
      await H.gotoApp(page, archive.url + '/');
      assert.equal(await focused(page), 'body', 'first load of /');
      await H.gotoApp(page, archive.url + '/?q=victims');
      assert.equal(await focused(page), 'body', 'first load of a results page');
      // the first Tab still reaches the skip link
      await page.keyboard.press('Tab');
      assert.match(await page.evaluate(() => document.activeElement.className), /skip-link/);
    } finally { await page.closeAll(); }
  });

  test('a search moves the focus to the results heading, from the home page and from the results', async () => {
    const page = await H.openPage(browser);
    try {
      await H.gotoApp(page, archive.url + '/');
      await page.fill('#q', 'police academies');
      await page.press('#q', 'Enter');
      await page.waitForURL(/[?&]q=police(\+|%20)academies/);
      await H.waitReady(page, 'search');
      await assertOnResults(page, 'after a search from /');
      // Tab goes on from the heading into the results (the sort control comes next)
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => !!document.activeElement.closest('section.results')), true, 'Tab goes into the results');

      // a second search, typed in the box above the results, with the button
      await page.fill('#q', 'shelters');
      await page.locator('form.search-form button[type="submit"]').click();
      await page.waitForURL((u) => new URL(u).searchParams.get('q') === 'shelters');
      await H.waitReady(page, 'search');
      await assertOnResults(page, 'after a second search');

      // a facet keeps the focus on itself (not moved to the heading)
      const box = page.locator('.facet input[type="checkbox"]').first();
      const key = await box.getAttribute('data-focus-key');
      await box.check();
      await page.waitForURL((u) => new URL(u).search !== '?q=shelters');
      await H.waitReady(page, 'search');
      assert.equal(await page.evaluate(() => document.activeElement.getAttribute('data-focus-key')), key);
      H.assertClean(assert, page);
    } finally { await page.closeAll(); }
  });

  test('page 2, then Back: the focus is on the results heading each time', async () => {
    const page = await H.openPage(browser);
    try {
      await H.gotoApp(page, archive.url + '/?q=trafficking&group=passage');
      await page.locator('nav.pager a[rel="next"]').click();
      await page.waitForURL(/[?&]page=2/);
      await H.waitReady(page, 'search');
      await assertOnResults(page, 'on page 2');
      await page.goBack();
      await page.waitForURL((u) => !new URL(u).searchParams.has('page'));
      await H.waitReady(page, 'search');
      await assertOnResults(page, 'after Back to page 1');
      await page.goForward();
      await page.waitForURL(/[?&]page=2/);
      await H.waitReady(page, 'search');
      await assertOnResults(page, 'after Forward to page 2');
      H.assertClean(assert, page);
    } finally { await page.closeAll(); }
  });

  test('a document opened from the results, then Back: the focus is on the results heading', async () => {
    const page = await H.openPage(browser);
    try {
      await H.gotoApp(page, archive.url + '/');
      await page.fill('#q', 'police academies');
      await page.press('#q', 'Enter');
      await H.waitReady(page, 'search');
      await page.waitForURL(/[?&]q=police/);
      await page.locator('.results .hit-title a').first().click();
      await H.waitReady(page, 'document');
      assert.equal(await focused(page), '#doc-title', 'the document heading has the focus');
      await page.goBack();
      await page.waitForURL((u) => new URL(u).searchParams.get('q') === 'police academies');
      await H.waitReady(page, 'search');
      await assertOnResults(page, 'after Back from the document');

      // with the keyboard: Enter on a hit's title, then Enter on the document's "Back to the results"
      await page.locator('.results .hit-title a').first().focus();
      await page.keyboard.press('Enter');
      await H.waitReady(page, 'document');
      assert.equal(await focused(page), '#doc-title');
      await page.locator('nav.crumbs a').focus();
      await page.keyboard.press('Enter');
      await page.waitForURL((u) => new URL(u).searchParams.get('q') === 'police academies');
      await H.waitReady(page, 'search');
      await assertOnResults(page, 'after "Back to the results"');
      H.assertClean(assert, page);
    } finally { await page.closeAll(); }
  });
});
