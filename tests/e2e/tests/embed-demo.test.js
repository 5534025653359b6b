'use strict';
// The search box demo page (/embed-demo.html): what the box is, the exact snippet to paste (with this
// archive's address), its options, a live box, and the note on --cors-origin; valid HTML, no console
// error, axe, in English and Spanish at desktop and phone width. And the box on another origin that
// the archive does NOT allow (no --cors-origin): it says "suggestions unavailable" (visibly, in a data
// attribute and in a console warning naming the fix) and still sends the reader to the results.
const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { HtmlValidate, StaticConfigLoader } = require('html-validate');
const H = require('../lib/harness');

const dicts = Object.fromEntries(['en', 'es'].map((l) => [l, JSON.parse(fs.readFileSync(path.join(H.REPO, 'web', 'i18n', `${l}.json`), 'utf8'))]));
const CONFIG = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '.htmlvalidate.json'), 'utf8'));
delete CONFIG.$schema;
const fileValidator = new HtmlValidate(new StaticConfigLoader(CONFIG));
const domValidator = new HtmlValidate(new StaticConfigLoader({
  ...CONFIG, rules: { ...CONFIG.rules, 'attribute-boolean-style': ['error', { style: 'empty' }] },
}));
const CASES = [
  { lang: 'en', viewport: { width: 1280, height: 900 } },
  { lang: 'es', viewport: { width: 360, height: 780 } },
];

async function errorsOf(validator, html, name) {
  const report = await validator.validateString(html, name);
  return report.results.flatMap((r) => r.messages.map((m) => `${name}:${m.line}:${m.column} ${m.ruleId}: ${m.message} [${m.selector || ''}]`));
}

describe('search box demo page', () => {
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

  test('web/embed-demo.html is valid HTML, and is served under the page CSP', async () => {
    const file = path.join(H.WEB_DIR, 'embed-demo.html');
    const html = fs.readFileSync(file, 'utf8');
    const errors = await errorsOf(fileValidator, html, 'web/embed-demo.html');
    assert.deepEqual(errors, [], errors.join('\n'));
    assert.doesNotMatch(html, /<script>|<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=|\son[a-z]+=/i, 'no inline script, style or handler');
    const r = await fetch(archive.url + '/embed-demo.html');
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /text\/html/);
    assert.match(r.headers.get('content-security-policy') || '', /script-src 'self'/);
  });

  for (const { lang, viewport } of CASES) {
    const d = dicts[lang];
    test(`${lang}, ${viewport.width} px: explains the box, gives the snippet and its options, and the live box searches`, async () => {
      const page = await H.openPage(browser, { viewport });
      try {
        await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: archive.url });
        await page.goto(`${archive.url}/embed-demo.html?lang=${lang}`);
        await page.waitForSelector(`html[data-i18n-ready="${lang}"]`);
        assert.equal(await page.getAttribute('html', 'lang'), lang);
        assert.equal((await page.locator('h1').innerText()).trim(), d.embed.title);
        assert.equal(await page.title(), `${d.embed.page_title} — ${d.brand.name}`);
        const body = await page.locator('body').innerText();
        assert.doesNotMatch(body, /\b(embed|nav|brand|footer)\.[a-z_]+\b/, 'no raw key');
        for (const k of ['lead', 'try_title', 'snippet_title', 'options_title', 'behaviour_title', 'cors_title', 'cors_text']) {
          assert.ok(body.includes(d.embed[k]), `${k} is shown`);
        }

        // the exact snippet, with this archive's address and the page's language
        const snippet = `<div data-atip-searchbox data-lang="${lang}"></div>\n<script src="${archive.url}/searchbox.js"></script>`;
        assert.equal(await page.locator('#embed-snippet').textContent(), snippet);
        await page.locator('#embed-copy').click();
        await page.waitForFunction(() => document.querySelector('#embed-copy-status').textContent !== '');
        assert.equal((await page.locator('#embed-copy-status').innerText()).trim(), d.embed.copied);
        assert.equal(await page.evaluate(() => navigator.clipboard.readText()), snippet, 'the copy is the snippet');

        // the options the box reads, and how suggestions depend on --cors-origin
        const options = await page.locator('table.embed-options tbody th').allInnerTexts();
        assert.deepEqual(options.map((s) => s.trim()), ['data-atip-searchbox', 'data-lang', 'data-placeholder']);
        const cors = await page.locator('.embed-cors').innerText();
        assert.match(cors, /--cors-origin https:\/\/www\.example\.gov/);
        assert.ok(cors.includes(d.searchbox.suggestions_unavailable), 'it names what the box says without it');

        // the live box, in the page's language, with suggestions (same origin) and a search
        const input = page.locator('#embed-live input[role="combobox"]');
        await input.waitFor();
        assert.equal((await page.locator('#embed-live label').innerText()).trim(), d.searchbox.label);
        const violations = await H.checkA11y(page);
        assert.deepEqual(violations, [], H.formatViolations(violations));
        const errors = await errorsOf(domValidator, await page.content(), `embed-demo ${lang}`);
        assert.deepEqual(errors, [], errors.join('\n'));
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= viewport.width, `no sideways scrolling: ${width}`);
        await H.screenshot(page, `embed-demo-${lang}-${viewport.width}`);

        await input.click();
        await input.pressSequentially('pol', { delay: 40 });
        await page.locator('#embed-live [role="option"]').first().waitFor({ timeout: 5000 });
        assert.equal(await page.getAttribute('#embed-live', 'data-atip-suggestions'), 'available');
        await input.press('Escape');
        await Promise.all([
          page.waitForURL((u) => new URL(u).searchParams.get('q') === 'pol'),
          page.locator('#embed-live button[type="submit"]').click(),
        ]);
        await H.waitReady(page, 'search');
        assert.equal(new URL(page.url()).searchParams.get('lang'), lang);
        assert.deepEqual(page.problems.console, [], 'no console error');
        H.assertClean(assert, page);
      } finally { await page.closeAll(); }
    });
  }

  test('the home page links to the demo page, in the chosen language', async () => {
    const page = await H.openPage(browser);
    try {
      await H.gotoApp(page, `${archive.url}/?lang=es`);
      const a = page.locator('.embed-way a');
      assert.equal((await a.innerText()).trim(), dicts.es.embed.home_link);
      await a.click();
      await page.waitForSelector('html[data-i18n-ready="es"]');
      assert.equal(new URL(page.url()).pathname, '/embed-demo.html');
      assert.equal((await page.locator('h1').innerText()).trim(), dicts.es.embed.title);
      H.assertClean(assert, page);
    } finally { await page.closeAll(); }
  });
});

describe('search box on an origin the archive does not allow (no --cors-origin)', () => {
  let archive;
  let browser;
  before(async () => {
    archive = await H.startArchive({ cors: false });
    browser = await H.launchBrowser();
  });
  after(async () => {
    if (browser) await browser.close();
    if (archive) await archive.stop();
  });

  test('the archive sends no CORS header to that origin', async () => {
    const r = await fetch(`${archive.url}/api/v1/suggest?q=pol&lang=es`, { headers: { Origin: archive.embedOrigin } });
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('access-control-allow-origin'), null);
  });

  for (const { lang, viewport } of CASES) {
    const d = dicts[lang];
    test(`${lang}, ${viewport.width} px: says suggestions are unavailable, names the fix, and still searches`, async () => {
      const page = await H.openPage(browser, { viewport });
      try {
        const warnings = [];
        page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
        await page.goto(archive.embedUrl(lang));
        const host = page.locator('[data-atip-searchbox]');
        const input = page.locator('[data-atip-searchbox] input[role="combobox"]');
        await input.waitFor({ timeout: 10000 });
        const note = page.locator('[data-atip-searchbox] .note');
        assert.ok(await note.isHidden(), 'nothing said before a suggestion is asked for');
        assert.equal(await host.getAttribute('data-atip-suggestions'), null);

        await input.click();
        await input.pressSequentially('pol', { delay: 40 });
        await page.waitForSelector('[data-atip-searchbox][data-atip-suggestions="unavailable"]', { timeout: 5000 });
        await note.waitFor({ state: 'visible' });
        assert.equal((await note.innerText()).trim(), d.searchbox.suggestions_unavailable);
        assert.equal(await input.getAttribute('aria-describedby'), await note.getAttribute('id'));
        assert.equal(await page.locator('[data-atip-searchbox] [role="option"]').count(), 0);
        assert.equal(await input.getAttribute('aria-expanded'), 'false');
        for (let i = 0; i < 50 && !warnings.some((w) => /ATIP search box/.test(w)); i++) await page.waitForTimeout(50);
        const warning = warnings.find((w) => /ATIP search box/.test(w));
        assert.ok(warning, `a console warning: ${JSON.stringify(warnings)}`);
        assert.ok(warning.includes(`--cors-origin ${archive.embedOrigin}`), warning);
        const violations = await H.checkA11y(page);
        assert.deepEqual(violations, [], H.formatViolations(violations));
        await H.screenshot(page, `embed-no-cors-${lang}-${viewport.width}`);

        // more typing asks no more (each request would fail the same way); searching still works
        const asked = [];
        page.on('request', (r) => { if (r.url().includes('/api/v1/suggest')) asked.push(r.url()); });
        await input.pressSequentially('ice', { delay: 40 });
        await page.waitForTimeout(300);
        assert.deepEqual(asked, []);
        await Promise.all([
          page.waitForURL((u) => String(u).startsWith(archive.url + '/?')),
          page.locator('[data-atip-searchbox] button[type="submit"]').click(),
        ]);
        const u = new URL(page.url());
        assert.equal(u.searchParams.get('q'), 'police');
        assert.equal(u.searchParams.get('lang'), lang);
        await H.waitReady(page, 'search');
        assert.ok(await page.locator('.results .hit').count() > 0, 'results');
        H.assertClean(assert, page);
      } finally { await page.closeAll(); }
    });
  }
});
