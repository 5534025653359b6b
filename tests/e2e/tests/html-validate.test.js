'use strict';
// html-validate (html-validate:recommended, tests/e2e/.htmlvalidate.json) finds no error in
// web/index.html as served, nor in the DOM the page builds: home, results (with filters, a
// correction, passages and page 2, none), suggestions open, document, Work Plan and item, errors,
// compare provisions, the coverage matrix, in two languages and at phone width.
//
// Exceptions, with their reasons:
// - .htmlvalidate.json: `prefer-native-element` does not ask for a <select> in place of role
//   "listbox": the suggestions of the search box are the listbox popup of an ARIA combobox (a text
//   input), which a <select> cannot be.
// - here, for the DOM only: `attribute-boolean-style` expects `checked=""` rather than `checked`,
//   because the browser's serialiser (page.content()) writes every boolean attribute that way; the
//   file itself is checked with the default (omit the value).
//
// Before the fix (web page of b8ff5e3): 7 errors in web/index.html (4 wcag/h30: the skip link, the
// two navigation links and the footer link had their text only by script; 2 unique-landmark: the two
// <nav> had their names only by script; 1 doctype-style) and 3 in the DOM at each width (long-title:
// the <title> of two documents and of the Work Plan over 70 characters). After: none.
const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { HtmlValidate, StaticConfigLoader } = require('html-validate');
const H = require('../lib/harness');

const CONFIG = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '.htmlvalidate.json'), 'utf8'));
delete CONFIG.$schema;
const DOM_CONFIG = {
  ...CONFIG,
  rules: { ...CONFIG.rules, 'attribute-boolean-style': ['error', { style: 'empty' }] },
};
const fileValidator = new HtmlValidate(new StaticConfigLoader(CONFIG));
const domValidator = new HtmlValidate(new StaticConfigLoader(DOM_CONFIG));

async function errorsOf(validator, html, name) {
  const report = await validator.validateString(html, name);
  return report.results.flatMap((r) => r.messages.map((m) => `${name}:${m.line}:${m.column} ${m.ruleId}: ${m.message} [${m.selector || ''}]`));
}

describe('html-validate', () => {
  test('web/index.html has no error', async () => {
    const file = path.join(H.WEB_DIR, 'index.html');
    const errors = await errorsOf(fileValidator, fs.readFileSync(file, 'utf8'), 'web/index.html');
    assert.deepEqual(errors, [], errors.join('\n'));
  });

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

  // Every view the page has, as rendered.
  const VIEWS = [
    '/',
    '/?q=police%20academies',
    '/?q=trafficking&type=report&year=2012',
    '/?q=trafficing',
    '/?q=trafficking&group=passage&sort=-date&page=2',
    '/?q=zzqxqzzqxq',
    '/?view=document&id=gs-report-2012-2014',
    '/?view=document&id=no-such-document',
    '/?view=workplan',
    '/?view=workplan&item=mandate:7',
    '/?view=workplan&item=activity:99',
    '/?q=trafficking&lang=es',
    '/?view=document&id=workplan-2010-2014&lang=fr',
    '/?view=compare',
    '/?view=compare&q=trafficking',
    '/?view=compare&q=trafficking&type=report&lang=es',
    '/?view=compare&item=activity:37',
    '/?view=compare&passage=no-such-document/1',
    '/?view=coverage',
    '/?view=coverage&type=report&pillar=protection&lang=fr',
  ];

  for (const viewport of [{ width: 1280, height: 900 }, { width: 360, height: 780 }]) {
    test(`the rendered DOM of every view has no error (${viewport.width}px wide)`, async () => {
      const page = await H.openPage(browser, { viewport });
      try {
        const errors = [];
        for (const v of VIEWS) {
          await H.gotoApp(page, archive.url + v);
          if (v.includes('view=document&id=gs-')) {
            // the passages' texts are there (loaded lazily), and the titles of cited documents
            await page.waitForFunction(() => !document.querySelector('.passage-text:not([data-loaded])'), null, { timeout: 10000 });
          }
          errors.push(...await errorsOf(domValidator, await page.content(), v));
        }
        // the search box with its suggestions open, one chosen
        await H.gotoApp(page, archive.url + '/');
        await page.locator('#q').click();
        await page.locator('#q').pressSequentially('pol', { delay: 30 });
        await page.locator('#q-list [role="option"]').first().waitFor({ timeout: 5000 });
        await page.press('#q', 'ArrowDown');
        errors.push(...await errorsOf(domValidator, await page.content(), 'suggestions'));
        assert.deepEqual(errors, [], errors.join('\n'));
        H.assertClean(assert, page);
      } finally { await page.closeAll(); }
    });
  }
});
