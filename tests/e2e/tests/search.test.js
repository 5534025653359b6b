'use strict';
// The search page: results with highlights, autocomplete, facets, "did you mean",
// sort, grouping, paging, and the whole state in the URL (back/forward).
const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const H = require('../lib/harness');

describe('search page', () => {
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

  async function totalOf(page) {
    const v = await page.getAttribute('#results-title', 'data-total');
    return Number(v);
  }

  test('the home page offers one search box, labelled, and passes axe', async () => {
    const page = await H.openPage(browser);
    try {
      await H.gotoApp(page, archive.url + '/');
      const input = page.locator('#q');
      await input.waitFor();
      assert.equal(await input.getAttribute('role'), 'combobox');
      const label = page.locator('label[for="q"]');
      assert.ok((await label.innerText()).trim().length > 0, 'the search box has a visible label');
      assert.equal(await page.locator('main').count(), 1);
      assert.equal(await page.locator('header').count() >= 1, true);
      assert.equal(await page.locator('footer').count() >= 1, true);
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      const violations = await H.checkA11y(page);
      assert.deepEqual(violations, [], H.formatViolations(violations));
      await H.screenshot(page, 'home');
      H.assertClean(assert, page);
    } finally { await page.closeAll(); }
  });

  test('"police academies" shows hits with <mark> highlights, metadata and a PDF link at the page', async () => {
    const page = await H.openPage(browser);
    try {
      await H.gotoApp(page, archive.url + '/');
      await page.fill('#q', 'police academies');
      await page.press('#q', 'Enter');
      await page.waitForURL(/[?&]q=police(\+|%20)academies/);
      await H.waitReady(page, 'search');
      const hits = page.locator('.results .hit');
      assert.ok(await hits.count() > 0, 'at least one hit');
      assert.ok(await totalOf(page) > 0);
      const marks = await page.locator('.results .snippet mark').allInnerTexts();
      assert.ok(marks.length > 0, 'snippets have <mark> highlights');
      assert.ok(marks.some((m) => /polic|academ/i.test(m)), `highlights are the query words: ${marks.join(', ')}`);

      const first = hits.first();
      assert.ok((await first.locator('.hit-title a').innerText()).trim().length > 0, 'title');
      const meta = await first.locator('.hit-meta').innerText();
      assert.match(meta, /(19|20)\d\d/, 'year shown');
      assert.ok(await first.locator('.hit-meta .badge').count() === 1, 'type shown');
      assert.match(meta, /International|English/, 'jurisdiction and language shown');
      assert.ok(await first.locator('.where').count() >= 1, 'passage heading / page shown');

      const pdf = first.locator('a.open-pdf').first();
      const href = await pdf.getAttribute('href');
      assert.match(href, /^\/api\/v1\/documents\/[a-z0-9-]+\/file#page=\d+$/);
      assert.match(await pdf.innerText(), /PDF/);
      const r = await page.request.get(archive.url + href.replace(/#.*/, ''));
      assert.equal(r.status(), 200);

      // the hit's title opens the document view at that passage, the search's words along (marked there)
      const docHref = await first.locator('.hit-title a').getAttribute('href');
      assert.match(docHref, /[?&]view=document&id=[a-z0-9-]+&q=[^&#]+(&lang=[a-z]+)?#p-\d+$/);
      assert.equal(new URL(docHref, archive.url).searchParams.get('q'), 'police academies');

      const violations = await H.checkA11y(page);
      assert.deepEqual(violations, [], H.formatViolations(violations));
      await H.screenshot(page, 'search-results');
      H.assertClean(assert, page);
    } finally { await page.closeAll(); }
  });

  test('results offer every hit as CSV and JSON, and the search as an Atom feed', async () => {
    const page = await H.openPage(browser);
    try {
      await H.gotoApp(page, archive.url + '/?q=trafficking&group=passage&language=en');
      await H.waitReady(page, 'search');
      const total = await totalOf(page);
      assert.ok(total > 10, 'more hits than one page');
      const href = async (sel) => new URL(await page.getAttribute(sel, 'href'), archive.url).toString();
      const csvUrl = await href('.exports a.export-csv');
      assert.match(csvUrl, /format=csv/);
      assert.match(csvUrl, /language=en/, 'the filters go with the export');
      const csv = await page.request.get(csvUrl);
      assert.equal(csv.status(), 200);
      assert.match(csv.headers()['content-type'], /^text\/csv/);
      const rows = (await csv.text()).split('\r\n').filter((l) => l.startsWith('"'));
      assert.equal(rows.length, total, 'one row per hit, all pages');
      const json = await page.request.get(await href('.exports a.export-json'));
      assert.equal((await json.json()).hits.length, total);
      const feed = await page.request.get(await href('.exports a.export-feed'));
      assert.equal(feed.status(), 200);
      assert.match(feed.headers()['content-type'], /^application\/atom\+xml/);
      assert.match(await feed.text(), /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
      H.assertClean(assert, page);
    } finally { await page.closeAll(); }
  });

  test('autocomplete: suggestions as an ARIA listbox, arrow keys, Enter searches, Escape closes', async () => {
    const page = await H.openPage(browser);
    try {
      await H.gotoApp(page, archive.url + '/');
      const input = page.locator('#q');
      await input.click();
      await input.pressSequentially('pol', { delay: 40 });
      const options = page.locator('#q-list [role="option"]');
      await options.first().waitFor({ timeout: 5000 });
      assert.equal(await input.getAttribute('aria-expanded'), 'true');
      assert.equal(await input.getAttribute('aria-controls'), 'q-list');
      assert.equal(await page.getAttribute('#q-list', 'role'), 'listbox');
      const texts = await options.allInnerTexts();
      assert.ok(texts.length >= 1 && texts.length <= 10, `1..10 suggestions, got ${texts.length}`);
      await H.screenshot(page, 'autocomplete');

      await input.press('ArrowDown');
      const activeId = await input.getAttribute('aria-activedescendant');
      assert.ok(activeId, 'aria-activedescendant set');
      assert.equal(await page.getAttribute('#' + activeId, 'aria-selected'), 'true');
      await input.press('ArrowDown');
      await input.press('ArrowUp');
      assert.equal(await input.getAttribute('aria-activedescendant'), activeId, 'up comes back');
      const chosen = (await page.locator('#' + activeId).innerText()).trim();

      await input.press('Escape');
      assert.equal(await input.getAttribute('aria-expanded'), 'false');
      assert.ok(await page.locator('#q-list').isHidden());

      // open again, choose with the keyboard, Enter runs the search
      await input.press('ArrowDown');
      await options.first().waitFor();
      await input.press('ArrowDown');
      const id2 = await input.getAttribute('aria-activedescendant');
      const chosen2 = (await page.locator('#' + id2).innerText()).trim();
      assert.equal(chosen2, chosen);
      await input.press('Enter');
      await page.waitForURL((u) => new URL(u).searchParams.get('q') === chosen2);
      await H.waitReady(page, 'search');
      assert.equal(await input.inputValue(), chosen2);
      H.assertClean(assert, page);
    } finally { await page.closeAll(); }
  });

  test('a facet click refines the results; clearing restores them; back/forward replay', async () => {
    const page = await H.openPage(browser);
    try {
      await H.gotoApp(page, archive.url + '/?q=trafficking');
      const before0 = await totalOf(page);
      assert.ok(before0 > 1, `several documents match "trafficking" (${before0})`);
      // the facet sidebar has counts
      for (const f of ['type', 'jurisdiction', 'language', 'year']) {
        assert.ok(await page.locator(`#fh-${f}`).count() === 1, `facet ${f} shown`);
      }
      // pick a year whose count is below the total so the refinement is visible
      const boxes = page.locator('.facet input[type="checkbox"][data-focus-key^="f:year:"]');
      const n = await boxes.count();
      assert.ok(n > 0, 'year facet has values');
      let pick = null;
      for (let i = 0; i < n; i++) {
        const li = boxes.nth(i).locator('xpath=..');
        const count = Number((await li.locator('.count').innerText()).replace(/[^\d]/g, ''));
        if (count > 0 && count < before0) { pick = { box: boxes.nth(i), count }; break; }
      }
      if (!pick) pick = { box: boxes.first(), count: null };
      const key = await pick.box.getAttribute('data-focus-key');
      const year = key.split(':').pop();
      await pick.box.check();
      await page.waitForURL((u) => new URL(u).searchParams.getAll('year').includes(year));
      await H.waitReady(page, 'search');
      const refined = await totalOf(page);
      assert.ok(refined > 0 && refined <= before0, `refined ${refined} of ${before0}`);
      if (pick.count !== null) assert.ok(refined < before0, 'the filter narrowed the results');
      assert.ok(await page.locator(`[data-focus-key="f:year:${year}"]`).isChecked(), 'facet shown as selected');
      assert.ok(await page.locator('.active-filters .chip-remove').count() === 1, 'active filter chip');
      // focus stays on the facet for keyboard users
      assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.getAttribute('data-focus-key')), `f:year:${year}`);
      await H.screenshot(page, 'search-filtered');

      // each hit is of that year (a document covering a period carries every year it covers)
      const hitYears = await page.locator('.results .hit').count();
      assert.ok(hitYears > 0);

      await page.locator('.active-filters a.clear-filters').click();
      await page.waitForURL((u) => !new URL(u).searchParams.has('year'));
      await H.waitReady(page, 'search');
      assert.equal(await totalOf(page), before0, 'clearing the filters restores the count');

      await page.goBack();
      await page.waitForURL((u) => new URL(u).searchParams.getAll('year').includes(year));
      await H.waitReady(page, 'search');
      assert.equal(await totalOf(page), refined, 'back shows the refined results again');
      await page.goForward();
      await page.waitForURL((u) => !new URL(u).searchParams.has('year'));
      await H.waitReady(page, 'search');
      assert.equal(await totalOf(page), before0);
      H.assertClean(assert, page);
    } finally { await page.closeAll(); }
  });

  test('type facet: refine by a translated type name, remove with its chip', async () => {
    const page = await H.openPage(browser);
    try {
      await H.gotoApp(page, archive.url + '/?q=trafficking');
      const all = await totalOf(page);
      const box = page.locator('[data-focus-key="f:type:report"]');
      assert.equal(await box.count(), 1, 'the type facet offers "report"');
      const label = await page.locator('label[for="f-type-report"] .facet-name').innerText();
      assert.equal(label, 'Report');
      await box.check();
      await page.waitForURL(/[?&]type=report/);
      await H.waitReady(page, 'search');
      const reports = await totalOf(page);
      assert.ok(reports > 0 && reports < all, `${reports} reports of ${all}`);
      const badges = await page.locator('.results .hit .badge').allInnerTexts();
      assert.ok(badges.every((b) => b === 'Report'), `only reports: ${badges}`);
      await page.locator('.active-filters .chip-remove').click();
      await page.waitForURL((u) => !new URL(u).searchParams.has('type'));
      await H.waitReady(page, 'search');
      assert.equal(await totalOf(page), all);
    } finally { await page.closeAll(); }
  });

  // The pillar facet (a row of the server's field table, listed to the page by fields.js) in two languages.
  for (const [lang, heading, protection] of [['en', 'Work Plan pillar', 'Protection of victims'],
    ['es', 'Pilar del Plan de Trabajo', 'Protección de las víctimas']]) {
    test(`pillar facet (${lang}): names the pillars, refines to one, and the chip says which`, async () => {
      const page = await H.openPage(browser);
      try {
        await H.gotoApp(page, archive.url + `/?q=victims&group=passage&lang=${lang}`);
        const all = await totalOf(page);
        assert.equal((await page.locator('#fh-pillar').innerText()).trim(), heading);
        const expected = (await archive.api('/api/v1/search?q=victims&group=passage&size=1&pillar=protection')).total;
        assert.ok(expected > 0 && expected < all, `${expected} protection passages of ${all}`);
        assert.equal((await page.locator('label[for="f-pillar-protection"] .facet-name').innerText()).trim(), protection);
        await page.locator('[data-focus-key="f:pillar:protection"]').check();
        await page.waitForURL(/[?&]pillar=protection/);
        await H.waitReady(page, 'search');
        assert.equal(await totalOf(page), expected, 'the page shows what the API counts for the pillar');
        assert.match(await page.locator('.active-filters').innerText(), new RegExp(`${heading}: ${protection}`));
        const violations = await H.checkA11y(page);
        assert.deepEqual(violations, [], H.formatViolations(violations));
        H.assertClean(assert, page);
      } finally { await page.closeAll(); }
    });
  }

  test('"did you mean" appears for a misspelt query and clicking it searches the suggestion', async () => {
    const page = await H.openPage(browser);
    try {
      await H.gotoApp(page, archive.url + '/?q=trafficing');
      const dym = page.locator('.did-you-mean a.corrected');
      await dym.waitFor({ timeout: 5000 });
      const suggestion = (await dym.innerText()).trim();
      assert.match(suggestion, /trafficking/i);
      const violations = await H.checkA11y(page);
      assert.deepEqual(violations, [], H.formatViolations(violations));
      await H.screenshot(page, 'did-you-mean');
      await dym.click();
      await page.waitForURL((u) => new URL(u).searchParams.get('q') === suggestion);
      await H.waitReady(page, 'search');
      assert.equal(await page.locator('#q').inputValue(), suggestion);
      assert.ok(await totalOf(page) > 0, 'the corrected query finds documents');
      assert.equal(await page.locator('.did-you-mean').count(), 0, 'no suggestion for a well-spelt query');
      H.assertClean(assert, page);
    } finally { await page.closeAll(); }
  });

  test('"corruptoin" is corrected too', async () => {
    const page = await H.openPage(browser);
    try {
      await H.gotoApp(page, archive.url + '/?q=corruptoin');
      const dym = page.locator('.did-you-mean a.corrected');
      await dym.waitFor({ timeout: 5000 });
      assert.match(await dym.innerText(), /corruption/i);
    } finally { await page.closeAll(); }
  });

  test('sort, grouping by passage and paging live in the URL and survive a reload', async () => {
    const page = await H.openPage(browser);
    try {
      await H.gotoApp(page, archive.url + '/?q=trafficking');
      await page.selectOption('#sort', '-date');
      await page.waitForURL(/[?&]sort=-date/);
      await H.waitReady(page, 'search');
      // newest first: years do not increase down the list
      const years = (await page.locator('.results .hit .hit-meta').allInnerTexts())
        .map((t) => Number((/(19|20)\d\d/.exec(t) || [0])[0]));
      for (let i = 1; i < years.length; i++) assert.ok(years[i] <= years[i - 1], `sorted by date: ${years}`);

      await page.check('#group-passage');
      await page.waitForURL(/[?&]group=passage/);
      await H.waitReady(page, 'search');
      const passages = await totalOf(page);
      assert.ok(passages > 10, `many passages for "trafficking" (${passages})`);
      assert.match(await page.locator('#results-title').innerText(), /passage/);
      const pager = page.locator('nav.pager');
      assert.equal(await pager.count(), 1, 'a pager');
      assert.equal(await pager.locator('a[aria-current="page"]').innerText(), '1');
      await pager.locator('a[rel="next"]').click();
      await page.waitForURL(/[?&]page=2/);
      await H.waitReady(page, 'search');
      assert.equal(await page.locator('nav.pager a[aria-current="page"]').innerText(), '2');
      assert.equal(await page.getAttribute('ol.hits', 'start'), '11');

      // reload: the same state comes back from the URL alone
      const url = page.url();
      await page.reload();
      await H.waitReady(page, 'search');
      assert.equal(page.url(), url);
      assert.equal(await page.inputValue('#sort'), '-date');
      assert.ok(await page.isChecked('#group-passage'));
      assert.equal(await page.locator('nav.pager a[aria-current="page"]').innerText(), '2');
      assert.equal(await page.inputValue('#q'), 'trafficking');
      await H.screenshot(page, 'search-passages-page2');

      // a shared link opens the same view in a fresh browser context
      const other = await H.openPage(browser);
      try {
        await H.gotoApp(other, url);
        assert.equal(await totalOf(other), passages);
        assert.equal(await other.locator('nav.pager a[aria-current="page"]').innerText(), '2');
      } finally { await other.closeAll(); }
      H.assertClean(assert, page);
    } finally { await page.closeAll(); }
  });

  test('at phone width (360px) the results fit without sideways scrolling', async () => {
    const page = await H.openPage(browser, { viewport: { width: 360, height: 780 } });
    try {
      await H.gotoApp(page, archive.url + '/?q=victims');
      assert.ok(await page.locator('.results .hit').count() > 0);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `page wider than the screen by ${overflow}px`);
      // the facets fold away behind a summary on phones
      assert.equal(await page.locator('#facet-panel').evaluate((d) => d.open), false);
      await page.locator('#facet-panel > summary').click();
      assert.equal(await page.locator('#facet-panel').evaluate((d) => d.open), true);
      const violations = await H.checkA11y(page);
      assert.deepEqual(violations, [], H.formatViolations(violations));
      await H.screenshot(page, 'search-phone');
    } finally { await page.closeAll(); }
  });

  test('keyboard: the skip link leads to the content and focus is visible', async () => {
    const page = await H.openPage(browser);
    try {
      await H.gotoApp(page, archive.url + '/?q=victims');
      await page.keyboard.press('Tab');
      const skip = await page.evaluate(() => document.activeElement.className);
      assert.match(skip, /skip-link/);
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
      assert.notEqual(outline, 'none', 'focused element shows an outline');
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => location.hash), '#main');
    } finally { await page.closeAll(); }
  });
});

// A server that stops counting early (here after 20 passages; 10,000 by default) estimates the total,
// and the page says "about"; a search with fewer matches than that is counted exactly.
describe('estimated totals', () => {
  let archive;
  let browser;
  before(async () => {
    archive = await H.startArchive({ serverArgs: ['--exact-count-limit', '20'] });
    browser = await H.launchBrowser();
  });
  after(async () => {
    if (browser) await browser.close();
    if (archive) await archive.stop();
  });

  test('an estimated total reads "about N", in the page language', async () => {
    const page = await H.openPage(browser);
    try {
      await H.gotoApp(page, archive.url + '/?q=trafficking&group=passage');
      await H.waitReady(page, 'search');
      const title = page.locator('#results-title');
      assert.equal(await title.getAttribute('data-total-exact'), 'false');
      assert.match(await title.innerText(), /^about \d+ passages for/);
      await H.gotoApp(page, archive.url + '/?q=trafficking&group=passage&lang=es');
      await H.waitReady(page, 'search');
      assert.match(await page.locator('#results-title').innerText(), /^unos \d+ pasajes/);
      await H.gotoApp(page, archive.url + '/?q=shelters&group=passage');
      await H.waitReady(page, 'search');
      assert.equal(await title.getAttribute('data-total-exact'), 'true');
      assert.match(await title.innerText(), /^\d+ passages? for/);
    } finally { await page.closeAll(); }
  });
});
