'use strict';
// The embeddable search box on another website (another origin): it finds the archive
// from its script's src, shows suggestions fetched cross-origin, and sends the reader to
// the archive's results page.
const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const H = require('../lib/harness');

describe('embeddable search box', () => {
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

  test('on another origin: labelled, suggests (CORS), keyboard choice navigates to the results', async () => {
    assert.notEqual(new URL(archive.embedOrigin).origin, new URL(archive.url).origin, 'two origins');
    const page = await H.openPage(browser);
    try {
      const suggestRequests = [];
      page.on('request', (r) => { if (r.url().includes('/api/v1/suggest')) suggestRequests.push(r.url()); });
      await page.goto(archive.embedUrl('es'));
      // Playwright's CSS engine pierces open shadow roots.
      const input = page.locator('[data-atip-searchbox] input[role="combobox"]');
      await input.waitFor({ timeout: 10000 });
      const hasShadow = await page.evaluate(() => !!document.querySelector('[data-atip-searchbox]').shadowRoot);
      assert.ok(hasShadow, 'rendered in a shadow root');
      // labelled, in Spanish (data-lang="es"), and the host's hostile CSS does not reach it
      const label = page.locator('[data-atip-searchbox] label');
      assert.equal((await label.innerText()).trim(), 'Buscar en el archivo de la OEA contra la trata de personas');
      assert.ok(await label.isVisible(), 'host CSS "label{display:none}" does not leak in');
      assert.ok(await page.locator('[data-atip-searchbox] button[type="submit"]').isVisible());
      const bg = await input.evaluate((e) => getComputedStyle(e).backgroundColor);
      assert.notEqual(bg, 'rgb(255, 0, 255)');
      const violations = await H.checkA11y(page);
      assert.deepEqual(violations, [], H.formatViolations(violations));

      await input.click();
      await input.pressSequentially('pol', { delay: 40 });
      const options = page.locator('[data-atip-searchbox] [role="option"]');
      await options.first().waitFor({ timeout: 5000 });
      assert.ok(suggestRequests.length > 0);
      const su = new URL(suggestRequests[suggestRequests.length - 1]);
      assert.equal(su.origin, archive.url, 'suggestions come from the archive (cross-origin)');
      assert.equal(su.searchParams.get('lang'), 'es');
      assert.equal(await input.getAttribute('aria-expanded'), 'true');
      await H.screenshot(page, 'embed');

      await input.press('ArrowDown');
      const activeId = await input.getAttribute('aria-activedescendant');
      assert.ok(activeId);
      const chosen = (await page.locator(`[data-atip-searchbox] [id="${activeId}"]`).innerText()).trim();
      await Promise.all([
        page.waitForURL((u) => String(u).startsWith(archive.url + '/?')),
        input.press('Enter'),
      ]);
      const u = new URL(page.url());
      assert.equal(u.searchParams.get('q'), chosen);
      assert.equal(u.searchParams.get('lang'), 'es');
      await H.waitReady(page, 'search');
      assert.equal(await page.getAttribute('html', 'lang'), 'es');
      assert.equal(await page.inputValue('#q'), chosen);
      H.assertClean(assert, page);
    } finally { await page.closeAll(); }
  });

  test('job 3: two words typed in the box ("police training") and the button land on the results for both words', async () => {
    const page = await H.openPage(browser);
    try {
      await page.goto(archive.embedUrl('en'));
      const input = page.locator('[data-atip-searchbox] input[role="combobox"]');
      await input.waitFor({ timeout: 10000 });
      assert.equal((await page.locator('[data-atip-searchbox] label').innerText()).trim(), 'Search the OAS anti-trafficking archive');
      await input.click();
      await input.pressSequentially('police training', { delay: 30 });
      assert.equal(await input.inputValue(), 'police training', 'the space between the words is kept');
      // suggestions for the two words come up; Escape closes them without choosing one
      const list = page.locator('[data-atip-searchbox] [role="listbox"]');
      const options = page.locator('[data-atip-searchbox] [role="option"]');
      await options.first().waitFor({ timeout: 5000 });
      assert.ok((await options.allInnerTexts()).some((o) => o.trim() === 'police training'), 'the two words are suggested');
      await H.screenshot(page, 'embed-two-words');
      await input.press('Escape');
      assert.ok(await list.isHidden());
      assert.equal(await input.getAttribute('aria-expanded'), 'false');
      assert.equal(await input.inputValue(), 'police training');
      await Promise.all([
        page.waitForURL((u) => String(u).startsWith(archive.url + '/?')),
        page.locator('[data-atip-searchbox] button[type="submit"]').click(),
      ]);
      const u = new URL(page.url());
      assert.equal(u.searchParams.get('q'), 'police training');
      assert.equal(u.searchParams.get('lang'), 'en');
      await H.waitReady(page, 'search');
      assert.equal(await page.inputValue('#q'), 'police training');
      assert.match(await page.locator('#results-title').innerText(), /\bdocuments? for .police training.$/);
      const hits = page.locator('.results .hit');
      assert.ok(await hits.count() > 0, 'results');
      // both words are found and highlighted, in one passage at least
      const marksPerHit = await hits.evaluateAll((lis) => lis.map((li) => [...li.querySelectorAll('.snippet mark')].map((m) => m.innerText.toLowerCase())));
      const both = marksPerHit.filter((ms) => ms.some((m) => m.startsWith('police')) && ms.some((m) => m.startsWith('train')));
      assert.ok(both.length >= 1, `a passage with "police" and "training" highlighted: ${JSON.stringify(marksPerHit)}`);
      assert.ok(marksPerHit.every((ms) => ms.length > 0), 'every result shows a highlighted passage');
      const violations = await H.checkA11y(page);
      assert.deepEqual(violations, [], H.formatViolations(violations));
      await H.screenshot(page, 'embed-two-words-results');
      H.assertClean(assert, page);

      // the same two words and Enter, without touching the suggestions
      await page.goto(archive.embedUrl('en'));
      await input.waitFor({ timeout: 10000 });
      await input.click();
      await input.pressSequentially('police training', { delay: 30 });
      await Promise.all([
        page.waitForURL((x) => String(x).startsWith(archive.url + '/?')),
        input.press('Enter'),
      ]);
      assert.equal(new URL(page.url()).searchParams.get('q'), 'police training');
      await H.waitReady(page, 'search');
      assert.ok(await hits.count() > 0, 'results after Enter');
    } finally { await page.closeAll(); }
  });

  test('the archive answers the suggest request with CORS headers for the allowed origin only', async () => {
    const ok = await fetch(`${archive.url}/api/v1/suggest?q=pol&lang=es`, { headers: { Origin: archive.embedOrigin } });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('access-control-allow-origin'), archive.embedOrigin);
    const other = await fetch(`${archive.url}/api/v1/suggest?q=pol&lang=es`, { headers: { Origin: 'http://127.0.0.1:9' } });
    assert.notEqual(other.headers.get('access-control-allow-origin'), 'http://127.0.0.1:9');
  });
});
