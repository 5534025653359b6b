'use strict';
// Ways in from the home page: "Browse by country" (the jurisdictions of the index, from the facets of
// a search for everything, each a link to the search filtered by it) and "Browse by Work Plan pillar"
// (the four pillars, each a link to its section of the Work Plan view, with its items' counts and the
// items most reported on); the Atom feeds of a search and of a Work Plan item are offered on the page.
const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const H = require('../lib/harness');

const dicts = Object.fromEntries(['en', 'es'].map((l) => [l, JSON.parse(fs.readFileSync(path.join(H.REPO, 'web', 'i18n', `${l}.json`), 'utf8'))]));
const PILLARS = ['prevention', 'prosecution', 'protection', 'general-secretariat'];
const CASES = [
  { lang: 'en', viewport: { width: 1280, height: 900 } },
  { lang: 'es', viewport: { width: 360, height: 780 } },
];

function plural(forms, n, lang) {
  const v = forms[new Intl.PluralRules(lang).select(n)] || forms.other;
  return v.replace('{count}', new Intl.NumberFormat(lang).format(n));
}

describe('ways in from the home page', () => {
  let archive;
  let browser;
  let jurisdictions;
  let items;
  before(async () => {
    archive = await H.startArchive();
    browser = await H.launchBrowser();
    jurisdictions = (await archive.api('/api/v1/search?size=1')).facets.jurisdiction;
    items = (await archive.api('/api/v1/workplan')).items;
    assert.ok(jurisdictions.length >= 1);
  });
  after(async () => {
    if (browser) await browser.close();
    if (archive) await archive.stop();
  });

  for (const { lang, viewport } of CASES) {
    const d = dicts[lang];
    test(`${lang}, ${viewport.width} px: browse by country leads to the search filtered by that jurisdiction`, async () => {
      const page = await H.openPage(browser, { viewport });
      try {
        await H.gotoApp(page, `${archive.url}/?lang=${lang}`);
        const section = page.locator('section.browse-countries');
        assert.equal((await section.locator('h2').innerText()).trim(), d.browse.countries_title);
        const links = section.locator('a[data-jurisdiction]');
        assert.deepEqual((await links.evaluateAll((as) => as.map((a) => a.getAttribute('data-jurisdiction')))).sort(),
          jurisdictions.map((j) => j.value).sort(), 'every jurisdiction of the index, once');
        const int = section.locator('a[data-jurisdiction="INT"]');
        assert.equal((await int.innerText()).trim(), d.browse.international);
        const count = jurisdictions.find((j) => j.value === 'INT').count;
        assert.equal((await int.locator('xpath=..').locator('.count').innerText()).trim(), plural(d.counts.documents, count, lang));
        if (jurisdictions.length > 1) assert.equal(await links.first().getAttribute('data-jurisdiction'), 'INT', 'international instruments first');
        const violations = await H.checkA11y(page);
        assert.deepEqual(violations, [], H.formatViolations(violations));
        await H.screenshot(page, `browse-home-${lang}-${viewport.width}`);

        await int.click();
        await page.waitForURL((u) => new URL(u).searchParams.get('jurisdiction') === 'INT');
        await H.waitReady(page, 'search');
        const u = new URL(page.url());
        assert.equal(u.searchParams.get('lang'), lang, 'the language is kept');
        assert.equal(await page.locator('.active-filters .chip-remove').count(), 1);
        assert.match(await page.locator('.active-filters').innerText(), new RegExp(`${d.facets.jurisdiction}: ${d.jurisdictions.INT}`));
        assert.equal(Number(await page.locator('#results-title').getAttribute('data-total')), count, 'as many documents as the link said');
        // the results page offers the search's Atom feed
        const feed = page.locator('a.export-feed[type="application/atom+xml"]');
        assert.equal((await feed.innerText()).trim(), d.results.feed);
        assert.equal(new URL(await feed.getAttribute('href'), archive.url).searchParams.get('jurisdiction'), 'INT');
        H.assertClean(assert, page);
      } finally { await page.closeAll(); }
    });

    test(`${lang}, ${viewport.width} px: browse by pillar leads to that pillar of the Work Plan`, async () => {
      const page = await H.openPage(browser, { viewport });
      try {
        await H.gotoApp(page, `${archive.url}/?lang=${lang}`);
        const section = page.locator('section.browse-pillars');
        assert.equal((await section.locator('h2').innerText()).trim(), d.browse.pillars_title);
        const pillars = section.locator('.browse-pillar');
        assert.deepEqual(await pillars.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-pillar'))), PILLARS);
        for (const p of PILLARS) {
          const li = section.locator(`.browse-pillar[data-pillar="${p}"]`);
          const a = li.locator('a.browse-pillar-link');
          assert.equal((await a.innerText()).trim(), d.pillars[p]);
          assert.match(await a.getAttribute('href'), new RegExp(`[?&]view=workplan.*#pillar-${p}$`));
          const mine = items.filter((x) => x.pillar === p);
          assert.match(await li.locator('.browse-pillar-counts').innerText(), new RegExp(`^${plural(d.browse.items, mine.length, lang)} · `));
          // its items most reported on, linked to their evidence
          const top = await li.locator('.browse-items a[data-item]').evaluateAll((as) => as.map((x) => x.getAttribute('data-item')));
          assert.ok(top.length >= 1 && top.length <= 3, `${p}: ${top}`);
          const most = Math.max(...mine.map((x) => x.passages));
          assert.equal(mine.find((x) => x.id === top[0]).passages, most, `${p}: the first item is one of the most reported on`);
        }

        await section.locator('.browse-pillar[data-pillar="protection"] a.browse-pillar-link').click();
        await page.waitForURL((u) => new URL(u).searchParams.get('view') === 'workplan' && new URL(u).hash === '#pillar-protection');
        await H.waitReady(page, 'workplan');
        await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'ph-protection');
        assert.equal((await page.locator('#ph-protection').innerText()).trim(), d.pillars.protection);
        const top = await page.locator('#pillar-protection').evaluate((el) => el.getBoundingClientRect().top);
        assert.ok(top >= -2 && top < viewport.height / 3, `the pillar is at the top of the window: ${top}`);
        const violations = await H.checkA11y(page);
        assert.deepEqual(violations, [], H.formatViolations(violations));
        H.assertClean(assert, page);
      } finally { await page.closeAll(); }
    });
  }

  test('a Work Plan item offers its Atom feed (en and es)', async () => {
    for (const { lang, viewport } of CASES) {
      const page = await H.openPage(browser, { viewport });
      try {
        await H.gotoApp(page, `${archive.url}/?view=workplan&item=mandate:7&lang=${lang}`);
        const feed = page.locator('.exports a[data-format="atom"]');
        assert.equal(await feed.getAttribute('href'), '/api/v1/feeds/workplan/mandate:7');
        assert.equal(await feed.getAttribute('type'), 'application/atom+xml');
        assert.equal((await feed.innerText()).trim(), dicts[lang].browse.item_feed);
        const r = await page.request.get(archive.url + '/api/v1/feeds/workplan/mandate:7');
        assert.equal(r.status(), 200);
        assert.match(r.headers()['content-type'], /application\/atom\+xml/);
        assert.match(await r.text(), /<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/);
        H.assertClean(assert, page);
      } finally { await page.closeAll(); }
    }
  });
});
