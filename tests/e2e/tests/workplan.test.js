'use strict';
// The Work Plan view: the 62 items by pillar with their counts; an item's evidence with
// CSV and Markdown exports.
const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const H = require('../lib/harness');

describe('Work Plan view', () => {
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

  test('62 items in four pillars, with how many documents and passages link to each', async () => {
    const api = await archive.api('/api/v1/workplan');
    assert.equal(api.items.length, 62);
    const page = await H.openPage(browser);
    try {
      await H.gotoApp(page, archive.url + '/');
      await page.locator('.main-nav a[data-nav="workplan"]').click();
      await page.waitForURL(/[?&]view=workplan/);
      await H.waitReady(page, 'workplan');
      assert.equal(await page.locator('li.item').count(), 62);
      const expected = { prevention: 18, prosecution: 12, protection: 22, 'general-secretariat': 10 };
      for (const [pillar, n] of Object.entries(expected)) {
        assert.equal(await page.locator(`#pillar-${pillar} li.item`).count(), n, pillar);
      }
      assert.deepEqual(
        (await page.locator('section.pillar h2').allInnerTexts()).map((s) => s.trim()),
        ['Prevention', 'Prosecution', 'Protection of victims', 'General Secretariat']);
      // counts as the API gives them
      for (const it of api.items.filter((x) => x.documents > 0).slice(0, 5).concat(api.items.slice(0, 2))) {
        const counts = await page.locator(`li.item[data-item="${it.id}"] .item-counts`).innerText();
        const nums = counts.match(/\d+/g).map(Number);
        assert.deepEqual(nums, [it.documents, it.passages], `${it.id}: ${counts}`);
      }
      const violations = await H.checkA11y(page);
      assert.deepEqual(violations, [], H.formatViolations(violations));
      await H.screenshot(page, 'workplan');
      H.assertClean(assert, page);
    } finally { await page.closeAll(); }
  });

  test('mandate:7 lists its evidence and offers CSV and Markdown exports', async () => {
    const api = await archive.api('/api/v1/workplan/mandate:7');
    const page = await H.openPage(browser);
    try {
      await H.gotoApp(page, archive.url + '/?view=workplan');
      await page.locator('li.item[data-item="mandate:7"] a.item-link').click();
      await page.waitForURL((u) => new URL(u).searchParams.get('item') === 'mandate:7');
      await H.waitReady(page, 'workplan');
      assert.equal((await page.locator('h1').innerText()).trim(), 'Mandate 7');
      assert.ok((await page.locator('.item-quote').innerText()).includes(api.item.text.slice(0, 40)));
      assert.equal(await page.locator('.evidence-passage').count(), api.evidence.length);
      const docs = [...new Set(api.evidence.map((e) => e.id))];
      assert.deepEqual(await page.locator('.evidence-doc').evaluateAll((els) => els.map((e) => e.getAttribute('data-id'))), docs,
        'documents in the order of the API (newest first)');

      const csv = page.locator('.exports a[data-format="csv"]');
      const md = page.locator('.exports a[data-format="markdown"]');
      assert.equal(await csv.getAttribute('href'), '/api/v1/workplan/mandate:7?format=csv');
      assert.equal(await md.getAttribute('href'), '/api/v1/workplan/mandate:7?format=markdown');
      const rc = await page.request.get(archive.url + '/api/v1/workplan/mandate:7?format=csv');
      assert.equal(rc.status(), 200);
      assert.match(rc.headers()['content-type'], /text\/csv/);
      assert.match((await rc.text()).split(/\r?\n/)[0], /^item,document,title,symbol,date,page,passage,method,score,status,permalink,text$/);
      const rm = await page.request.get(archive.url + '/api/v1/workplan/mandate:7?format=markdown');
      assert.equal(rm.status(), 200);
      assert.match(rm.headers()['content-type'], /text\/markdown/);

      // the link to search within the item's passages
      const search = await page.locator('.exports a[href*="link=mandate"]').getAttribute('href');
      assert.equal(new URL(search, 'http://x').searchParams.get('link'), 'mandate:7');

      if (api.evidence.length) {
        const first = api.evidence[0];
        const a = page.locator(`.evidence-doc[data-id="${first.id}"] a.in-context`).first();
        assert.match(await a.getAttribute('href'), new RegExp(`id=${first.id}(&lang=[a-z]+)?#p-${first.passage.n}$`));
      }
      const violations = await H.checkA11y(page);
      assert.deepEqual(violations, [], H.formatViolations(violations));
      await H.screenshot(page, 'workplan-mandate-7');
      H.assertClean(assert, page);
    } finally { await page.closeAll(); }
  });

  test('the Work Plan in Spanish: pillar names and item labels translated', async () => {
    const page = await H.openPage(browser);
    try {
      await H.gotoApp(page, archive.url + '/?view=workplan&lang=es');
      assert.deepEqual(
        (await page.locator('section.pillar h2').allInnerTexts()).map((s) => s.trim()),
        ['Prevención', 'Persecución penal', 'Protección de las víctimas', 'Secretaría General']);
      assert.equal((await page.locator('li.item[data-item="activity:1"] .item-id').innerText()).trim(), 'Actividad 1');
      assert.equal((await page.locator('li.item[data-item="mandate:7"] .item-id').innerText()).trim(), 'Mandato 7');
      await H.screenshot(page, 'workplan-es');
    } finally { await page.closeAll(); }
  });

  test('the item filter from the Work Plan runs a search restricted to that item', async () => {
    const page = await H.openPage(browser);
    try {
      await H.gotoApp(page, archive.url + '/?view=workplan&item=mandate:7');
      await page.locator('.exports a[href*="link=mandate"]').click();
      await page.waitForURL((u) => new URL(u).searchParams.get('link') === 'mandate:7');
      await H.waitReady(page, 'search');
      assert.equal(await page.locator('[role="alert"]').count(), 0, 'the search runs (an empty q with a filter is accepted)');
      assert.ok(await page.locator('.active-filters .chip-remove').count() === 1);
      assert.match(await page.locator('.active-filters').innerText(), /Mandate 7/);
    } finally { await page.closeAll(); }
  });
});
