/*
 * ATIP Archive — the search page, document view and Work Plan view.
 *
 * One static page; the view and its whole state live in the query string, so every
 * screen is a link that can be shared, and back/forward work:
 *   ./?q=police&type=report&page=2&sort=-date&group=passage&lang=es   search
 *   ./?view=document&id=gs-report-2012-2014#p-7                       a document
 *   ./?view=workplan                   ./?view=workplan&item=mandate:7 the Work Plan
 *
 * Safety: API strings are only ever put into the page as text (textContent / text
 * nodes). Snippets, whose only markup is <mark>…</mark>, are split on those two tags
 * and the rest is decoded and inserted as text. No innerHTML, no eval, no inline
 * styles in markup (Content-Security-Policy: script-src 'self'; style-src 'self').
 */
(function () {
  'use strict';

  var LANGS = ['en', 'es', 'pt', 'fr'];
  var FILTERS = ['type', 'jurisdiction', 'country', 'language', 'year', 'link', 'org'];
  var FACET_ORDER = ['type', 'jurisdiction', 'country', 'language', 'year', 'link', 'org'];
  var PILLARS = ['prevention', 'prosecution', 'protection', 'general-secretariat'];
  var PAGE_SIZE = 10;
  var FACET_SHOWN = 6;

  var ROOT = new URL('./', location.href).pathname;
  var API = ROOT + 'api/v1/';

  var dicts = {};
  var dict = {};
  var fallbackDict = {};
  var uiLang = 'en';
  var renderSeq = 0;
  var renderedSearch = null; // location.search of the view rendered last
  var workplanCache = null;
  var expandedFacets = {};
  var firstHealth = null;

  // ---------------------------------------------------------------- utilities

  function $(sel, root) { return (root || document).querySelector(sel); }
  function $all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }

  /** Creates an element. props: class, text, on<event>, dataset, or attributes. */
  function h(tag, props) {
    var el = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (k) {
        var v = props[k];
        if (v == null || v === false) return;
        if (k === 'class') el.className = v;
        else if (k === 'text') el.textContent = String(v);
        else if (k === 'dataset') Object.keys(v).forEach(function (d) { el.dataset[d] = v[d]; });
        else if (k.slice(0, 2) === 'on' && typeof v === 'function') el.addEventListener(k.slice(2), v);
        else if (v === true) el.setAttribute(k, '');
        else el.setAttribute(k, String(v));
      });
    }
    for (var i = 2; i < arguments.length; i++) append(el, arguments[i]);
    return el;
  }
  function append(el, kid) {
    if (kid == null || kid === false) return;
    if (Array.isArray(kid)) { kid.forEach(function (k) { append(el, k); }); return; }
    el.appendChild(kid instanceof Node ? kid : document.createTextNode(String(kid)));
  }
  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); }

  var ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
  function decodeEntities(s) {
    return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, function (m, e) {
      if (e[0] === '#') {
        var code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
      }
      var v = ENTITIES[e.toLowerCase()];
      return v != null ? v : m;
    });
  }

  /**
   * A snippet from the API is HTML-escaped text in which only <mark> and </mark> are
   * markup. Build it as DOM: text nodes and <mark> elements, nothing else.
   */
  function snippetNodes(snippet) {
    var frag = document.createDocumentFragment();
    var parts = String(snippet || '').split(/(<mark>|<\/mark>)/);
    var target = frag;
    parts.forEach(function (part) {
      if (part === '<mark>') {
        if (target === frag) { target = h('mark'); frag.appendChild(target); }
      } else if (part === '</mark>') {
        target = frag;
      } else if (part) {
        target.appendChild(document.createTextNode(decodeEntities(part)));
      }
    });
    return frag;
  }

  /** Plain text (a passage) as paragraphs. */
  function textBlocks(text) {
    var paras = String(text || '').split(/\n\s*\n/).map(function (p) { return p.trim(); }).filter(Boolean);
    if (!paras.length) return [];
    return paras.map(function (p) { return h('p', { text: p.replace(/\s*\n\s*/g, ' ') }); });
  }

  function isDocId(id) { return typeof id === 'string' && /^[a-z0-9][a-z0-9-]*$/.test(id); }
  function isItemId(id) { return typeof id === 'string' && /^(activity|mandate):[0-9]{1,3}$/.test(id); }
  function posInt(v, d) { var n = parseInt(v, 10); return n > 0 && n < 100000 ? n : d; }
  function oneOf(v, list, d) { return list.indexOf(v) >= 0 ? v : d; }

  function fileUrl(id, page) {
    return API + 'documents/' + encodeURIComponent(id) + '/file' + (page ? '#page=' + page : '');
  }

  // ---------------------------------------------------------------- i18n

  function lookup(d, key) {
    var parts = key.split('.');
    var v = d;
    for (var i = 0; i < parts.length; i++) {
      if (v == null || typeof v !== 'object') return undefined;
      v = v[parts[i]];
    }
    return v;
  }

  /** Translates key; vars fill {name} placeholders; vars.count picks a plural form. */
  function t(key, vars) {
    var v = lookup(dict, key);
    if (v == null) v = lookup(fallbackDict, key);
    if (v == null) return key;
    if (typeof v === 'object' && !Array.isArray(v)) {
      var n = vars && typeof vars.count === 'number' ? vars.count : 0;
      var form = new Intl.PluralRules(uiLang).select(n);
      v = v[form] != null ? v[form] : v.other;
    }
    if (typeof v !== 'string') return v;
    if (vars) {
      v = v.replace(/\{(\w+)\}/g, function (m, name) {
        if (!(name in vars)) return m;
        var x = vars[name];
        return typeof x === 'number' ? fmtNum(x) : String(x);
      });
    }
    return v;
  }
  /** Translation if the key exists, else undefined. */
  function tOpt(key) {
    var v = lookup(dict, key);
    if (v == null) v = lookup(fallbackDict, key);
    return typeof v === 'string' ? v : undefined;
  }

  function fmtNum(n) { return new Intl.NumberFormat(uiLang).format(n); }
  function fmtDate(iso) {
    if (!iso || !/^\d{4}-\d{2}-\d{2}/.test(iso)) return iso || '';
    var d = new Date(iso.slice(0, 10) + 'T00:00:00Z');
    if (isNaN(d)) return iso;
    return new Intl.DateTimeFormat(uiLang, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(d);
  }
  function fmtSize(bytes) {
    if (typeof bytes !== 'number') return '';
    if (bytes < 1024) return t('units.bytes', { n: bytes });
    if (bytes < 1024 * 1024) return t('units.kb', { n: Math.round(bytes / 1024) });
    return t('units.mb', { n: Math.round(bytes / 104857.6) / 10 });
  }

  var displayNames = {};
  function countryName(code) {
    if (!code) return '';
    if (code === 'INT') return t('jurisdictions.INT');
    var v = tOpt('countries.' + code);
    if (v) return v;
    try {
      if (!displayNames[uiLang]) displayNames[uiLang] = new Intl.DisplayNames([uiLang], { type: 'region' });
      var n = displayNames[uiLang].of(code);
      if (n && n !== code) return n;
    } catch (e) { /* not a region code */ }
    return code;
  }
  function languageName(code) { return tOpt('languages.' + code) || code; }
  function typeName(type) { return tOpt('types.' + type) || type; }
  function orgName(id) { return tOpt('orgs.' + id) || String(id).toUpperCase(); }
  function pillarName(p) { return tOpt('pillars.' + p) || p; }
  function methodName(m) { return tOpt('methods.' + m) || m; }
  function statusName(s) { return tOpt('statuses.' + s) || s; }
  function itemName(id) {
    var m = /^(activity|mandate):(\d+)$/.exec(id || '');
    if (!m) return id;
    return t(m[1] === 'activity' ? 'workplan.activity_n' : 'workplan.mandate_n', { n: Number(m[2]) });
  }
  function facetValueName(facet, value) {
    switch (facet) {
      case 'type': return typeName(value);
      case 'jurisdiction': return countryName(value);
      case 'country': return countryName(value);
      case 'language': return languageName(value);
      case 'link': return itemName(value);
      case 'org': return orgName(value);
      default: return String(value);
    }
  }

  function pickLang(params) {
    var asked = (params.get('lang') || '').toLowerCase();
    if (LANGS.indexOf(asked) >= 0) return { lang: asked, explicit: true };
    var prefs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en'];
    for (var i = 0; i < prefs.length; i++) {
      var c = String(prefs[i] || '').toLowerCase().split(/[-_]/)[0];
      if (LANGS.indexOf(c) >= 0) return { lang: c, explicit: false };
    }
    return { lang: 'en', explicit: false };
  }

  function loadDict(lang) {
    if (dicts[lang]) return dicts[lang];
    dicts[lang] = fetch(ROOT + 'i18n/' + lang + '.json', { headers: { Accept: 'application/json' } })
      .then(function (r) { if (!r.ok) throw new Error('i18n ' + r.status); return r.json(); })
      .catch(function (e) { delete dicts[lang]; throw e; });
    return dicts[lang];
  }

  function setLanguage(lang) {
    var wanted = [loadDict(lang)];
    if (lang !== 'en') wanted.push(loadDict('en').catch(function () { return {}; }));
    return Promise.all(wanted).then(function (ds) {
      dict = ds[0];
      fallbackDict = ds[1] || ds[0];
      uiLang = lang;
      document.documentElement.lang = lang;
      translateStatic();
    }, function () {
      if (lang === 'en') throw new Error('i18n unavailable');
      return setLanguage('en');
    });
  }

  function translateStatic() {
    $all('[data-i18n]').forEach(function (el) { el.textContent = t(el.getAttribute('data-i18n')); });
    $all('[data-i18n-aria-label]').forEach(function (el) { el.setAttribute('aria-label', t(el.getAttribute('data-i18n-aria-label'))); });
    var desc = $('meta[name="description"]');
    if (desc) desc.setAttribute('content', t('brand.description'));
    // The static (English) texts of the page keep their place hidden until now (style.css).
    document.documentElement.setAttribute('data-i18n-ready', uiLang);
  }

  // ---------------------------------------------------------------- state and URLs

  function readState() {
    var p = new URLSearchParams(location.search);
    var picked = pickLang(p);
    var s = {
      view: oneOf(p.get('view'), ['search', 'document', 'workplan'], 'search'),
      q: (p.get('q') || '').trim(),
      filters: {},
      page: posInt(p.get('page'), 1),
      sort: oneOf(p.get('sort'), ['relevance', 'date', '-date'], 'relevance'),
      group: oneOf(p.get('group'), ['document', 'passage'], 'document'),
      id: p.get('id') || '',
      item: p.get('item') || '',
      lang: picked.lang,
      langExplicit: picked.explicit
    };
    FILTERS.forEach(function (f) {
      var vals = p.getAll(f).map(function (v) { return v.trim(); }).filter(Boolean);
      if (vals.length) s.filters[f] = vals.filter(function (v, i) { return vals.indexOf(v) === i; });
    });
    return s;
  }

  var current = null;

  function withLang(p) {
    if (current && current.langExplicit) p.set('lang', current.lang);
    return p;
  }
  function hrefFrom(p) { var s = p.toString(); return ROOT + (s ? '?' + s : ''); }

  function searchHref(s) {
    var p = new URLSearchParams();
    if (s.q) p.set('q', s.q);
    FILTERS.forEach(function (f) { (s.filters[f] || []).forEach(function (v) { p.append(f, v); }); });
    if (s.page > 1) p.set('page', String(s.page));
    if (s.sort && s.sort !== 'relevance') p.set('sort', s.sort);
    if (s.group && s.group !== 'document') p.set('group', s.group);
    return hrefFrom(withLang(p));
  }
  function docHref(id, passage) {
    var p = new URLSearchParams();
    p.set('view', 'document');
    p.set('id', id);
    return hrefFrom(withLang(p)) + (passage ? '#p-' + passage : '');
  }
  function workplanHref(item) {
    var p = new URLSearchParams();
    p.set('view', 'workplan');
    if (item) p.set('item', item);
    return hrefFrom(withLang(p));
  }
  function homeHref() { return hrefFrom(withLang(new URLSearchParams())); }
  function langHref(lang) {
    var p = new URLSearchParams(location.search);
    p.set('lang', lang);
    return ROOT + '?' + p.toString() + location.hash;
  }
  function copyState(s, changes) {
    var c = { q: s.q, filters: {}, page: s.page, sort: s.sort, group: s.group };
    FILTERS.forEach(function (f) { if (s.filters[f]) c.filters[f] = s.filters[f].slice(); });
    Object.keys(changes || {}).forEach(function (k) { c[k] = changes[k]; });
    return c;
  }
  function hasFilters(s) { return FILTERS.some(function (f) { return s.filters[f] && s.filters[f].length; }); }

  /** Goes to an app URL without reloading the page. */
  function navigate(href, opts) {
    opts = opts || {};
    try { history.replaceState({ scrollY: window.scrollY }, ''); } catch (e) { /* ignore */ }
    if (opts.replace) history.replaceState({}, '', href);
    else history.pushState({}, '', href);
    render({ fromNav: true, keepFocus: opts.keepFocus, focusResults: opts.focusResults });
  }

  function isAppLink(a) {
    if (!a || !a.href || a.target || a.hasAttribute('download')) return false;
    var u = new URL(a.href, location.href);
    return u.origin === location.origin && u.pathname === ROOT;
  }

  document.addEventListener('click', function (e) {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    var a = e.target.closest ? e.target.closest('a') : null;
    if (!isAppLink(a)) return;
    var u = new URL(a.href, location.href);
    if (u.search === location.search && u.hash && u.pathname === location.pathname) return; // in-page anchor
    e.preventDefault();
    navigate(u.pathname + u.search + u.hash, { keepFocus: a.hasAttribute('data-keep-focus') });
  });

  window.addEventListener('popstate', function (e) {
    // Back/Forward to another view or search (not an in-page anchor such as the skip link or §N)
    var otherPage = location.search !== renderedSearch;
    render({ fromHistory: otherPage, restoreScroll: e.state && typeof e.state.scrollY === 'number' ? e.state.scrollY : 0 });
  });
  if ('scrollRestoration' in history) history.scrollRestoration = 'manual';

  // ---------------------------------------------------------------- API

  function ApiError(status, code, message) {
    this.status = status; this.code = code; this.message = message;
  }
  function api(path, params) {
    var url = API + path;
    if (params) {
      var qs = params.toString();
      if (qs) url += '?' + qs;
    }
    return fetch(url, { headers: { Accept: 'application/json' } }).then(function (r) {
      return r.text().then(function (body) {
        var json = null;
        try { json = body ? JSON.parse(body) : null; } catch (e) { json = null; }
        if (!r.ok) {
          var err = json && json.error ? json.error : {};
          throw new ApiError(r.status, err.code || 'http_' + r.status, err.message || '');
        }
        if (json == null) throw new ApiError(r.status, 'bad_response', '');
        return json;
      });
    }, function () { throw new ApiError(0, 'network', ''); });
  }

  // ---------------------------------------------------------------- page chrome

  function renderLangSwitch() {
    var list = $('#lang-list');
    if (!list) return;
    clear(list);
    LANGS.forEach(function (l) {
      var name = t('ui_languages.' + l);
      var a = h('a', { href: langHref(l), lang: l, hreflang: l, 'data-lang': l, 'aria-current': l === uiLang ? 'true' : null },
        h('span', { class: 'lang-name' }, name),
        h('span', { class: 'lang-code', 'aria-hidden': 'true' }, l.toUpperCase()));
      list.appendChild(h('li', null, a));
    });
  }

  function markNav(view) {
    $all('.main-nav a').forEach(function (a) {
      var on = a.getAttribute('data-nav') === view;
      if (on) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
    });
    $all('a[data-nav]').forEach(function (a) {
      var nav = a.getAttribute('data-nav');
      a.setAttribute('href', nav === 'workplan' ? workplanHref() : homeHref());
    });
  }

  function announce(text) {
    var live = $('#live');
    if (!live) return;
    live.textContent = '';
    setTimeout(function () { live.textContent = text; }, 30);
  }

  var TITLE_MAX = 70; // longer titles are cut by tabs and search engines
  function setTitle(part) {
    if (!part) { document.title = t('brand.name') + ' — ' + t('brand.tagline'); return; }
    var suffix = ' — ' + t('brand.name');
    var room = TITLE_MAX - suffix.length;
    part = String(part).replace(/\s+/g, ' ').trim();
    document.title = (part.length > room ? shorten(part, room - 1) : part) + suffix;
  }

  function errorBox(err) {
    var msg;
    if (err instanceof ApiError) {
      if (err.code === 'network') msg = t('errors.network');
      else if (err.status === 404) msg = t('errors.not_found');
      else if (err.status === 400) msg = t('errors.bad_query');
      else if (err.status === 429) msg = t('errors.rate_limited');
      else msg = t('errors.server');
    } else {
      msg = t('errors.server');
    }
    return h('div', { class: 'notice notice-error', role: 'alert' },
      h('p', null, msg),
      err && err.message && err instanceof ApiError && err.status === 400 ? h('p', { class: 'small' }, err.message) : null);
  }

  // ---------------------------------------------------------------- render dispatch

  function render(opts) {
    opts = opts || {};
    var seq = ++renderSeq;
    document.body.removeAttribute('data-ready');
    var prev = current;
    var s = readState();
    current = s;
    renderedSearch = location.search;
    var focusKey = document.activeElement && document.activeElement.getAttribute ? document.activeElement.getAttribute('data-focus-key') : null;
    // After a search, a link followed (page 2, a correction, a chip) or Back/Forward, the keyboard
    // focus goes to the results heading; a facet, sort or grouping control keeps it; the first load
    // of the page leaves it where the browser put it.
    var focusHeading = !!(opts.focusResults || opts.fromHistory || (opts.fromNav && !opts.keepFocus));
    if (opts.fromHistory) focusKey = null;
    var langChanged = s.lang !== uiLang || !dict.brand;
    var ready = langChanged ? setLanguage(s.lang) : Promise.resolve();
    if (firstHealth && firstHealth.pending) {
      // The home page waits a little for its counts (asked for at start-up, with the dictionaries).
      var counts = firstHealth.pending;
      ready = Promise.all([ready, Promise.race([counts, new Promise(function (r) { setTimeout(r, 800); })])]);
    }
    return ready.then(function () {
      if (seq !== renderSeq) return null;
      renderLangSwitch();
      markNav(s.view);
      var viewChanged = !prev || prev.view !== s.view || prev.id !== s.id || prev.item !== s.item || langChanged;
      var p;
      if (s.view === 'document') p = renderDocument(s, seq);
      else if (s.view === 'workplan') p = renderWorkplan(s, seq);
      else p = renderSearch(s, seq, prev, focusHeading);
      return Promise.resolve(p).then(function () {
        if (seq !== renderSeq) return;
        // Focus: back where it was (a facet, a control), or the results heading / the new view's heading.
        var again = focusKey ? $('[data-focus-key="' + cssEscape(focusKey) + '"]') : null;
        if (again) again.focus();
        else if (focusHeading) {
          var target = (s.view === 'search' ? $('#results-title') : null) ||
            (viewChanged || s.view === 'search' ? $('#view h1') : null);
          if (target) { target.setAttribute('tabindex', '-1'); target.focus({ preventScroll: true }); }
        }
        if (typeof opts.restoreScroll === 'number') window.scrollTo(0, opts.restoreScroll);
        else if (location.hash && /^#p-\d+$/.test(location.hash)) { /* the document view scrolls itself */ }
        else if (opts.fromNav && !again) window.scrollTo(0, 0);
        if (s.view === 'search' && (s.q || hasFilters(s))) rememberSearch();
        document.body.setAttribute('data-ready', s.view);
      });
    }).catch(function (e) {
      if (seq !== renderSeq) return;
      document.documentElement.setAttribute('data-i18n-ready', uiLang); // shown even without dictionaries
      var view = $('#view');
      clear(view);
      view.appendChild(errorBox(e));
      document.body.setAttribute('data-ready', 'error');
    });
  }

  function cssEscape(s) { return window.CSS && CSS.escape ? CSS.escape(s) : String(s).replace(/["\\]/g, '\\$&'); }

  // ---------------------------------------------------------------- search view

  function searchForm(s, big) {
    var input = h('input', {
      id: 'q', name: 'q', type: 'search', value: s.q, enterkeyhint: 'search',
      placeholder: t('search.placeholder'), 'aria-describedby': big ? 'q-hint' : null
    });
    input.value = s.q;
    var list = h('ul', { id: 'q-list', class: 'suggestions', 'aria-label': t('search.suggestions') });
    var live = $('#live');
    var form = h('form', { class: 'search-form' + (big ? ' search-form-big' : ''), role: 'search', action: ROOT, method: 'get' },
      h('label', { for: 'q', class: big ? 'search-label-big' : 'search-label' }, t('search.label')),
      h('div', { class: 'search-row' },
        h('div', { class: 'combo' }, input, list),
        h('button', { type: 'submit', class: 'button button-primary' }, t('search.button'))),
      big ? h('p', { id: 'q-hint', class: 'hint' }, t('search.hint')) : null);

    function submit(q) {
      var base = current && current.view === 'search' ? current : s;
      var ns = copyState(base, { q: q.trim(), page: 1 });
      navigate(searchHref(ns), { focusResults: true });
    }
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      submit(input.value);
    });
    if (window.ATIPSearchbox) {
      window.ATIPSearchbox.attachCombobox(input, list, {
        fetch: function (text) {
          var p = new URLSearchParams({ q: text, lang: uiLang });
          return api('suggest', p).then(function (j) { return j.suggestions || []; });
        },
        onSubmit: submit,
        live: live,
        announce: function (n) { return t('search.suggestions_count', { count: n }); }
      });
    }
    return form;
  }

  function renderHome(s, view) {
    setTitle('');
    var examples = t('home.examples');
    if (!Array.isArray(examples)) examples = [];
    var stats = h('p', { class: 'stats', 'aria-live': 'off' });
    function fillStats(j) {
      if (j && typeof j.documents === 'number') {
        stats.textContent = t('home.stats', {
          documents: t('counts.documents', { count: j.documents }), passages: t('counts.passages', { count: j.passages || 0 }) });
      }
    }
    // The first home page has the counts asked for at start-up, so that the line is filled before
    // it is shown (it would push the cards down); later ones ask again.
    if (firstHealth && firstHealth.value) fillStats(firstHealth.value);
    else api('health').then(fillStats).catch(function () { /* stats are optional */ });
    firstHealth = null;
    append(view, [
      h('section', { class: 'hero', 'aria-labelledby': 'home-title' },
        h('h1', { id: 'home-title' }, t('home.title')),
        h('p', { class: 'lead' }, t('home.lead')),
        searchForm(s, true),
        examples.length ? h('p', { class: 'examples' }, t('home.try'), ' ',
          examples.map(function (ex, i) {
            return [i ? ' · ' : '', h('a', { href: searchHref({ q: ex, filters: {}, page: 1, sort: 'relevance', group: 'document' }) }, ex)];
          })) : null,
        stats),
      h('section', { class: 'cards', 'aria-label': t('home.more') },
        h('a', { class: 'card', href: workplanHref() },
          h('span', { class: 'card-title' }, t('home.workplan_title')),
          h('span', { class: 'card-text' }, t('home.workplan_text'))),
        h('a', { class: 'card', href: searchHref({ q: '', filters: { type: ['report'] }, page: 1, sort: '-date', group: 'document' }) },
          h('span', { class: 'card-title' }, t('home.reports_title')),
          h('span', { class: 'card-text' }, t('home.reports_text'))),
        h('a', { class: 'card', href: searchHref({ q: '', filters: { link: ['mandate:7'] }, page: 1, sort: '-date', group: 'passage' }) },
          h('span', { class: 'card-title' }, t('home.practices_title')),
          h('span', { class: 'card-text' }, t('home.practices_text'))))
    ]);
  }

  function renderSearch(s, seq, prev, focusHeading) {
    var view = $('#view');
    if (!s.q && !hasFilters(s)) {
      clear(view);
      renderHome(s, view);
      return null;
    }
    var params = new URLSearchParams();
    if (s.q) params.set('q', s.q);
    FILTERS.forEach(function (f) { (s.filters[f] || []).forEach(function (v) { params.append(f, v); }); });
    params.set('page', String(s.page));
    params.set('size', String(PAGE_SIZE));
    params.set('sort', s.sort);
    params.set('group', s.group);

    // Keep the search box (and its focus) when only the results change.
    var form = $('#view form.search-form');
    var keepForm = form && prev && prev.view === 'search' && (prev.q || hasFilters(prev)) && $('#q') === document.activeElement;
    view.setAttribute('aria-busy', 'true');
    return api('search', params).then(function (res) {
      if (seq !== renderSeq) return;
      view.removeAttribute('aria-busy');
      var newForm = keepForm ? form : searchForm(s, false);
      if (keepForm) { var qi = $('#q'); if (qi.value.trim() !== s.q) qi.value = s.q; }
      clear(view);
      buildResults(view, s, res, newForm, focusHeading);
    }, function (err) {
      if (seq !== renderSeq) return;
      view.removeAttribute('aria-busy');
      clear(view);
      append(view, [h('h1', { class: 'visually-hidden' }, t('results.title')), searchForm(s, false), errorBox(err)]);
    });
  }

  function buildResults(view, s, res, form, focusHeading) {
    var total = typeof res.total === 'number' ? res.total : 0;
    var hits = Array.isArray(res.hits) ? res.hits : [];
    var facets = res.facets || {};
    var query = res.query || {};
    var unit = s.group === 'passage' ? 'passages' : 'documents';

    setTitle(s.q ? t('results.page_title', { q: s.q }) : t('results.title'));

    var countText = s.q ? t('results.count_for_' + unit, { count: total, q: s.q }) : t('results.count_' + unit, { count: total });
    // An estimated total (the server stopped counting early) reads "about 9,000 passages".
    if (res.total_exact === false) countText = countText.replace(fmtNum(total), t('results.approx', { count: total }));
    var heading = h('h1', { id: 'results-title', class: 'results-title', tabindex: '-1', 'data-total': total,
      'data-total-exact': res.total_exact === false ? 'false' : 'true' }, countText);

    var dym = null;
    if (query.corrected && typeof query.corrected === 'string' && query.corrected !== s.q) {
      var corrected = query.corrected;
      dym = h('p', { class: 'did-you-mean' }, t('results.did_you_mean'), ' ',
        h('a', { href: searchHref(copyState(s, { q: corrected, page: 1 })), class: 'corrected', lang: null }, corrected),
        t('results.did_you_mean_end'));
    }

    var controls = total > 0 ? h('div', { class: 'controls' }, sortControl(s), groupControl(s)) : null;
    var active = activeFilters(s);
    var list = hitList(s, hits);
    var empty = null;
    if (!hits.length) {
      empty = h('div', { class: 'notice' },
        h('p', null, t('results.none')),
        h('ul', null,
          h('li', null, t('results.none_spelling')),
          h('li', null, t('results.none_fewer')),
          hasFilters(s) ? h('li', null, h('a', { href: searchHref(copyState(s, { filters: {}, page: 1 })) }, t('filters.clear_all'))) : null));
    }

    var facetPanel = total > 0 || hasFilters(s) ? facetSidebar(s, facets) : null;
    append(view, [
      form,
      h('div', { class: facetPanel ? 'layout' : 'layout layout-single' },
        facetPanel,
        h('section', { class: 'results', 'aria-labelledby': 'results-title' },
          h('div', { class: 'results-head' }, heading, controls),
          dym, active, empty, list, pager(s, total), total > 0 ? exportLinks(s) : null)),
    ]);
    // The heading is read when it gets the focus; the live region says the rest.
    if (!focusHeading) announce(heading.textContent + (dym ? '. ' + dym.textContent : ''));
    else if (dym) announce(dym.textContent);
  }

  // What was found, to keep: every hit as CSV or JSON, and the search as an Atom feed to follow.
  function exportLinks(s) {
    var params = new URLSearchParams();
    if (s.q) params.set('q', s.q);
    FILTERS.forEach(function (f) { (s.filters[f] || []).forEach(function (v) { params.append(f, v); }); });
    var feed = new URLSearchParams(params);
    params.set('sort', s.sort);
    params.set('group', s.group);
    var file = function (format) {
      var p = new URLSearchParams(params);
      p.set('format', format);
      return API + 'search?' + p.toString();
    };
    return h('p', { class: 'exports' },
      t('results.export'), ' ',
      h('a', { href: file('csv'), download: 'atip-search.csv', class: 'export-csv' }, 'CSV'), ' · ',
      h('a', { href: file('json'), download: 'atip-search.json', class: 'export-json' }, 'JSON'), ' · ',
      h('a', { href: API + 'feeds/search?' + feed.toString(), class: 'export-feed', type: 'application/atom+xml' },
        t('results.feed')));
  }

  function sortControl(s) {
    var sel = h('select', { id: 'sort', 'data-focus-key': 'sort' },
      ['relevance', '-date', 'date'].map(function (v) {
        return h('option', { value: v, selected: v === s.sort }, t('sort.' + (v === '-date' ? 'newest' : v === 'date' ? 'oldest' : 'relevance')));
      }));
    sel.addEventListener('change', function () {
      navigate(searchHref(copyState(s, { sort: sel.value, page: 1 })), { keepFocus: true });
    });
    return h('div', { class: 'control' }, h('label', { for: 'sort' }, t('sort.label')), sel);
  }

  function groupControl(s) {
    var fs = h('fieldset', { class: 'group-toggle' }, h('legend', null, t('group.label')));
    ['document', 'passage'].forEach(function (g) {
      var id = 'group-' + g;
      var input = h('input', { type: 'radio', name: 'group', id: id, value: g, checked: s.group === g, 'data-focus-key': id });
      input.addEventListener('change', function () {
        if (input.checked) navigate(searchHref(copyState(s, { group: g, page: 1 })), { keepFocus: true });
      });
      fs.appendChild(h('span', { class: 'radio' }, input, h('label', { for: id }, t('group.' + g))));
    });
    return fs;
  }

  function activeFilters(s) {
    if (!hasFilters(s)) return null;
    var chips = [];
    FILTERS.forEach(function (f) {
      (s.filters[f] || []).forEach(function (v) {
        var nf = copyState(s, { page: 1 });
        nf.filters[f] = nf.filters[f].filter(function (x) { return x !== v; });
        if (!nf.filters[f].length) delete nf.filters[f];
        chips.push(h('li', null, h('a', {
          class: 'chip chip-remove', href: searchHref(nf), 'data-focus-key': 'rm:' + f + ':' + v,
          'aria-label': t('filters.remove', { name: t('facets.' + f) + ': ' + facetValueName(f, v) })
        }, h('span', null, t('facets.' + f) + ': ' + facetValueName(f, v)), h('span', { class: 'x', 'aria-hidden': 'true' }, '×'))));
      });
    });
    return h('div', { class: 'active-filters' },
      h('h2', { class: 'visually-hidden' }, t('filters.active')),
      h('ul', { class: 'chips' }, chips,
        h('li', null, h('a', { class: 'clear-filters', href: searchHref(copyState(s, { filters: {}, page: 1 })), 'data-focus-key': 'clear-all' }, t('filters.clear_all')))));
  }

  function facetSidebar(s, facets) {
    var sections = [];
    FACET_ORDER.forEach(function (f) {
      var values = Array.isArray(facets[f]) ? facets[f].slice() : [];
      var selected = s.filters[f] || [];
      selected.forEach(function (v) {
        if (!values.some(function (x) { return String(x.value) === v; })) values.push({ value: v, count: 0 });
      });
      if (!values.length) return;
      if (f === 'year') values.sort(function (a, b) { return Number(b.value) - Number(a.value); });
      var expanded = !!expandedFacets[f];
      var shown = values.filter(function (x, i) { return expanded || i < FACET_SHOWN || selected.indexOf(String(x.value)) >= 0; });
      var ul = h('ul', { class: 'facet-values' });
      shown.forEach(function (x) {
        var v = String(x.value);
        var on = selected.indexOf(v) >= 0;
        var id = 'f-' + f + '-' + v.replace(/[^A-Za-z0-9_-]/g, '_');
        var box = h('input', { type: 'checkbox', id: id, checked: on, 'data-focus-key': 'f:' + f + ':' + v });
        box.addEventListener('change', function () {
          var ns = copyState(s, { page: 1 });
          var cur = ns.filters[f] || [];
          if (box.checked) { if (cur.indexOf(v) < 0) cur.push(v); }
          else cur = cur.filter(function (y) { return y !== v; });
          if (cur.length) ns.filters[f] = cur; else delete ns.filters[f];
          navigate(searchHref(ns), { keepFocus: true });
        });
        var name = facetValueName(f, v);
        ul.appendChild(h('li', { class: on ? 'on' : null },
          box,
          h('label', { for: id, title: f === 'link' ? itemTitle(v) : null },
            h('span', { class: 'facet-name' }, name),
            h('span', { class: 'count' }, h('span', { class: 'visually-hidden' }, '('), fmtNum(x.count || 0), h('span', { class: 'visually-hidden' }, ')')))));
      });
      var more = null;
      if (values.length > FACET_SHOWN) {
        more = h('button', { type: 'button', class: 'link-button', 'aria-expanded': expanded ? 'true' : 'false', 'data-focus-key': 'more:' + f },
          expanded ? t('facets.show_fewer') : t('facets.show_all', { count: values.length }));
        more.addEventListener('click', function () {
          expandedFacets[f] = !expanded;
          var fresh = facetSidebar(s, facets);
          var old = $('#facet-panel');
          var wasOpen = old && old.open;
          old.replaceWith(fresh);
          fresh.open = wasOpen;
          var again = $('[data-focus-key="more:' + cssEscape(f) + '"]');
          if (again) again.focus();
        });
      }
      sections.push(h('section', { class: 'facet', 'aria-labelledby': 'fh-' + f },
        h('h3', { id: 'fh-' + f }, t('facets.' + f)), ul, more));
    });
    var details = h('details', { id: 'facet-panel', class: 'facet-panel' },
      h('summary', null, t('facets.title')),
      h('aside', { class: 'facets', 'aria-labelledby': 'facets-title' },
        h('h2', { id: 'facets-title' }, t('facets.title')),
        sections.length ? sections : h('p', { class: 'small' }, t('facets.none')),
        hasFilters(s) ? h('p', null, h('a', { class: 'clear-filters', href: searchHref(copyState(s, { filters: {}, page: 1 })), 'data-focus-key': 'clear-all-side' }, t('filters.clear_all'))) : null));
    details.open = window.matchMedia ? window.matchMedia('(min-width: 52em)').matches : true;
    return details;
  }

  function itemTitle(id) {
    if (!workplanCache) return null;
    var it = workplanCache.filter(function (x) { return x.id === id; })[0];
    return it && it.text ? it.text.slice(0, 300) : null;
  }

  // "Text read by OCR (95% confidence)": the words may be wrong where the scan is poor.
  function ocrNote(confidence) {
    return typeof confidence === 'number' ? t('document.ocr_confidence', { confidence: Math.round(confidence) })
      : t('document.ocr');
  }

  function metaLine(hit) {
    var bits = [];
    if (hit.type) bits.push(h('span', { class: 'badge badge-' + String(hit.type).replace(/[^a-z-]/g, '') }, typeName(hit.type)));
    if (hit.jurisdiction) bits.push(h('span', { class: 'meta-item' }, h('span', { class: 'visually-hidden' }, t('meta.jurisdiction') + ': '), countryName(hit.jurisdiction)));
    if (hit.language) bits.push(h('span', { class: 'meta-item' }, h('span', { class: 'visually-hidden' }, t('meta.language') + ': '), languageName(hit.language)));
    if (hit.year || hit.date) bits.push(h('span', { class: 'meta-item' }, h('span', { class: 'visually-hidden' }, t('meta.year') + ': '), String(hit.year || String(hit.date).slice(0, 4))));
    if (hit.symbol) bits.push(h('span', { class: 'meta-item symbol' }, h('span', { class: 'visually-hidden' }, t('meta.symbol') + ': '), hit.symbol));
    if (hit.ocr) bits.push(h('span', { class: 'meta-item ocr-note' }, t('document.ocr')));
    return h('p', { class: 'hit-meta' }, bits);
  }

  function passageBlock(hit, p) {
    var where = [];
    if (p.heading) where.push(h('span', { class: 'passage-heading' }, p.heading));
    if (p.page) where.push(h('span', { class: 'passage-page' }, t('hit.page', { page: p.page })));
    if (p.date) where.push(h('span', { class: 'passage-date' }, fmtDate(p.date)));
    // A passage in another language than its document (a Spanish event of an English page) says so.
    if (p.language && p.language !== hit.language) where.push(h('span', { class: 'passage-language' }, languageName(p.language)));
    var lang = p.language || hit.language || null;
    var body = p.snippet ? h('p', { class: 'snippet', lang: lang }, snippetNodes(p.snippet)) : null;
    var full = p.text ? h('div', { class: 'passage-text', lang: lang }, textBlocks(p.text)) : null;
    return h('div', { class: 'hit-passage' },
      where.length ? h('p', { class: 'where' }, where) : null,
      body, full,
      h('p', { class: 'hit-actions' },
        h('a', { class: 'open-pdf', href: fileUrl(hit.id, p.page), 'data-page': p.page || null },
          p.page ? t('hit.open_pdf_page', { page: p.page }) : t('hit.open_file')),
        h('a', { class: 'in-context', href: docHref(hit.id, p.n) }, t('hit.in_context'))));
  }

  function hitList(s, hits) {
    if (!hits.length) return null;
    // Group by document, keeping the order of first appearance (group=passage gives
    // several hits per document).
    var groups = [];
    var byId = {};
    hits.forEach(function (hit) {
      if (!hit || !hit.id) return;
      var g = byId[hit.id];
      if (!g) { g = byId[hit.id] = { hit: hit, passages: [] }; groups.push(g); }
      if (hit.passage) g.passages.push(hit.passage);
    });
    var ol = h('ol', { class: 'hits', start: (s.page - 1) * PAGE_SIZE + 1 });
    groups.forEach(function (g) {
      var hit = g.hit;
      var links = Array.isArray(hit.links) ? hit.links.filter(isItemId) : [];
      ol.appendChild(h('li', { class: 'hit', 'data-id': hit.id },
        h('article', { 'aria-labelledby': 'hit-' + hit.id },
          h('h2', { class: 'hit-title', id: 'hit-' + hit.id },
            h('a', { href: docHref(hit.id, g.passages[0] && g.passages[0].n) }, hit.title || hit.id)),
          metaLine(hit),
          g.passages.map(function (p) { return passageBlock(hit, p); }),
          links.length ? h('p', { class: 'hit-links' }, h('span', { class: 'label' }, t('hit.workplan') + ' '),
            links.slice(0, 8).map(function (id) { return h('a', { class: 'chip', href: workplanHref(id) }, itemName(id)); }),
            links.length > 8 ? h('span', { class: 'small' }, ' +' + fmtNum(links.length - 8)) : null) : null)));
    });
    return ol;
  }

  function pager(s, total) {
    var pages = Math.ceil(total / PAGE_SIZE);
    if (pages <= 1) return null;
    var cur = Math.min(s.page, pages);
    var items = [];
    function pageLink(n, label, cls, rel) {
      return h('li', null, h('a', {
        href: searchHref(copyState(s, { page: n })), class: cls || null, rel: rel || null,
        'aria-current': n === cur && !cls ? 'page' : null,
        'aria-label': cls ? null : t('pager.page_n', { n: n })
      }, label));
    }
    if (cur > 1) items.push(pageLink(cur - 1, t('pager.previous'), 'prev', 'prev'));
    var from = Math.max(1, cur - 2), to = Math.min(pages, cur + 2);
    if (from > 1) { items.push(pageLink(1, fmtNum(1))); if (from > 2) items.push(h('li', { class: 'gap', 'aria-hidden': 'true' }, '…')); }
    for (var n = from; n <= to; n++) items.push(pageLink(n, fmtNum(n)));
    if (to < pages) { if (to < pages - 1) items.push(h('li', { class: 'gap', 'aria-hidden': 'true' }, '…')); items.push(pageLink(pages, fmtNum(pages))); }
    if (cur < pages) items.push(pageLink(cur + 1, t('pager.next'), 'next', 'next'));
    return h('nav', { class: 'pager', 'aria-label': t('pager.label') }, h('ul', null, items));
  }

  // ---------------------------------------------------------------- document view

  function renderDocument(s, seq) {
    var view = $('#view');
    if (!isDocId(s.id)) {
      clear(view);
      append(view, [h('h1', null, t('document.title')), errorBox(new ApiError(404, 'not_found', ''))]);
      return null;
    }
    view.setAttribute('aria-busy', 'true');
    return api('documents/' + encodeURIComponent(s.id)).then(function (doc) {
      if (seq !== renderSeq) return;
      view.removeAttribute('aria-busy');
      clear(view);
      buildDocument(view, doc, seq);
    }, function (err) {
      if (seq !== renderSeq) return;
      view.removeAttribute('aria-busy');
      clear(view);
      append(view, [h('h1', null, t('document.title')), errorBox(err), h('p', null, h('a', { href: homeHref() }, t('nav.back_search')))]);
    });
  }

  function dlRow(label, value) {
    if (value == null || value === '' || (Array.isArray(value) && !value.length)) return null;
    return [h('dt', null, label), h('dd', null, value)];
  }

  function buildDocument(view, doc, seq) {
    var id = doc.id;
    setTitle(doc.title || id);
    var passages = Array.isArray(doc.passages) ? doc.passages : [];
    var file = doc.file || {};
    var isPdf = !file.content_type || /pdf/i.test(file.content_type);
    var symbols = Array.isArray(doc.symbols) && doc.symbols.length ? doc.symbols : (doc.symbol ? [doc.symbol] : []);
    var years = Array.isArray(doc.years) && doc.years.length > 1 ? doc.years[0] + '–' + doc.years[doc.years.length - 1] : null;
    var countries = (doc.countries || []).map(countryName).join(', ');
    var orgs = (doc.orgs || []).map(orgName).join(', ');

    var download = h('p', { class: 'download' },
      h('a', { class: 'button button-primary', href: fileUrl(id), download: file.name || true },
        t('document.download'),
        h('span', { class: 'small' }, ' (' + [file.content_type ? formatName(file.content_type) : null, fmtSize(file.size)].filter(Boolean).join(', ') + ')')),
      ' ',
      h('a', { class: 'button', href: fileUrl(id) }, isPdf ? t('document.open_pdf') : t('document.open_file')));

    var meta = h('dl', { class: 'doc-meta' },
      dlRow(t('meta.type'), typeName(doc.type)),
      dlRow(symbols.length > 1 ? t('meta.symbols') : t('meta.symbol'), symbols.join(' · ')),
      dlRow(t('meta.date'), fmtDate(doc.date)),
      dlRow(t('meta.period'), years),
      dlRow(t('meta.jurisdiction'), countryName(doc.jurisdiction)),
      dlRow(t('meta.language'), languageName(doc.language)),
      dlRow(t('meta.countries'), countries),
      dlRow(t('meta.orgs'), orgs),
      dlRow(t('meta.pages'), typeof doc.pages === 'number' ? fmtNum(doc.pages) : null),
      dlRow(t('meta.text'), doc.ocr ? h('span', { class: 'ocr-note' }, ocrNote(doc.ocr_confidence)) : null),
      dlRow(t('meta.passages'), fmtNum(passages.length)),
      dlRow(t('meta.permalink'), h('a', { href: docHref(id) }, location.origin + ROOT + '?view=document&id=' + id)));

    // Work Plan items this document is linked to, with the passages.
    var linkMap = doc.links && typeof doc.links === 'object' ? doc.links : {};
    var linkIds = Object.keys(linkMap).filter(isItemId).sort(compareItems);
    var linksSection = h('section', { class: 'doc-section', 'aria-labelledby': 'doc-links' },
      h('h2', { id: 'doc-links' }, t('document.workplan_links')),
      linkIds.length ? h('ul', { class: 'link-list' }, linkIds.map(function (item) {
        var ns = (linkMap[item] || []).filter(function (n) { return typeof n === 'number'; });
        return h('li', null,
          h('a', { class: 'chip', href: workplanHref(item) }, itemName(item)), ' ',
          h('span', { class: 'small' }, t('document.in_passages') + ' '),
          ns.map(function (n, i) { return [i ? ', ' : '', h('a', { href: '#p-' + n }, '§' + n)]; }));
      })) : h('p', { class: 'small' }, t('document.no_links')));

    var cites = Array.isArray(doc.cites) ? doc.cites : [];
    var citedBy = Array.isArray(doc.cited_by) ? doc.cited_by.filter(isDocId) : [];
    var titleSlots = [];
    function docLink(did, fallback) {
      var a = h('a', { href: docHref(did) }, fallback || did);
      titleSlots.push({ id: did, el: a });
      return a;
    }
    var citesSection = h('section', { class: 'doc-section', 'aria-labelledby': 'doc-cites' },
      h('h2', { id: 'doc-cites' }, t('document.cites')),
      cites.length ? h('ul', { class: 'cite-list' }, cites.map(function (c) {
        var sym = h('span', { class: 'symbol' }, c.symbol || '');
        return h('li', null, sym, ' — ', isDocId(c.id) ? docLink(c.id) : h('span', { class: 'small' }, t('document.not_in_archive')));
      })) : h('p', { class: 'small' }, t('document.cites_none')));
    var citedSection = h('section', { class: 'doc-section', 'aria-labelledby': 'doc-cited' },
      h('h2', { id: 'doc-cited' }, t('document.cited_by')),
      citedBy.length ? h('ul', { class: 'cite-list' }, citedBy.map(function (c) { return h('li', null, docLink(c)); }))
        : h('p', { class: 'small' }, t('document.cited_by_none')));

    var plist = h('ol', { class: 'passages' });
    passages.forEach(function (p) {
      if (!p || typeof p.n !== 'number') return;
      var links = (p.links || []).filter(isItemId);
      var where = [];
      if (p.page) where.push(t('hit.page', { page: p.page }));
      if (p.date) where.push(fmtDate(p.date));
      if (p.language && p.language !== doc.language) where.push(languageName(p.language));
      if (p.ocr) where.push(t('document.ocr'));
      var textBox = h('div', { class: 'passage-text', 'data-n': p.n, lang: p.language || doc.language || null },
        h('p', { class: 'loading small' }, t('status.loading')));
      plist.appendChild(h('li', { id: 'p-' + p.n, class: 'passage', 'data-n': p.n },
        h('h3', { class: 'passage-title' },
          h('a', { class: 'anchor', href: '#p-' + p.n, 'aria-label': t('document.passage_n', { n: p.n }) }, '§' + p.n), ' ',
          p.heading || t('document.passage_n', { n: p.n })),
        where.length ? h('p', { class: 'where small' }, where.join(' · ')) : null,
        textBox,
        h('p', { class: 'hit-actions' },
          links.map(function (item) { return h('a', { class: 'chip', href: workplanHref(item) }, itemName(item)); }),
          isPdf && p.page ? h('a', { class: 'open-pdf', href: fileUrl(id, p.page) }, t('hit.open_pdf_page', { page: p.page })) : null)));
    });

    append(view, [
      h('nav', { class: 'crumbs', 'aria-label': t('nav.breadcrumb') }, h('a', { href: lastSearchHref() || homeHref() }, '← ' + t(lastSearchHref() ? 'nav.back_results' : 'nav.back_search'))),
      h('article', { class: 'document', lang: doc.language || null, 'aria-labelledby': 'doc-title' },
        h('p', { class: 'eyebrow' }, typeName(doc.type)),
        h('h1', { id: 'doc-title' }, doc.title || id),
        h('div', { class: 'doc-top', lang: uiLang },
          meta, download),
        h('div', { class: 'doc-grid', lang: uiLang }, linksSection, citesSection, citedSection),
        h('section', { class: 'doc-section', 'aria-labelledby': 'doc-passages' },
          h('h2', { id: 'doc-passages', lang: uiLang }, t('document.passages', { count: passages.length })),
          plist))
    ]);

    fillTitles(titleSlots, seq);
    lazyPassages(id, plist, seq);
  }

  function formatName(ct) {
    if (/pdf/i.test(ct)) return 'PDF';
    if (/html/i.test(ct)) return 'HTML';
    if (/plain/i.test(ct)) return t('document.format_text');
    return ct;
  }

  function compareItems(a, b) {
    var ma = /^(activity|mandate):(\d+)$/.exec(a), mb = /^(activity|mandate):(\d+)$/.exec(b);
    if (ma[1] !== mb[1]) return ma[1] === 'activity' ? -1 : 1;
    return Number(ma[2]) - Number(mb[2]);
  }

  function fillTitles(slots, seq) {
    var ids = [];
    slots.forEach(function (s) { if (ids.indexOf(s.id) < 0) ids.push(s.id); });
    ids.slice(0, 30).forEach(function (did) {
      api('documents/' + encodeURIComponent(did)).then(function (d) {
        if (seq !== renderSeq || !d || !d.title) return;
        slots.forEach(function (s) {
          if (s.id === did) { s.el.textContent = d.title; s.el.setAttribute('title', did); }
        });
      }).catch(function () { /* keep the id */ });
    });
  }

  /** Fetches passage texts as they come into view (and the one in the URL's #p-N first). */
  function lazyPassages(id, plist, seq) {
    var boxes = $all('.passage-text', plist);
    var queue = [];
    var running = 0;
    var done = {};
    function pump() {
      while (running < 4 && queue.length) {
        var box = queue.shift();
        load(box);
      }
    }
    function load(box) {
      var n = box.getAttribute('data-n');
      if (done[n]) return;
      done[n] = true;
      running++;
      api('documents/' + encodeURIComponent(id) + '/passages/' + encodeURIComponent(n)).then(function (p) {
        if (seq !== renderSeq) return;
        clear(box);
        var blocks = textBlocks(p.text);
        append(box, blocks.length ? blocks : h('p', { class: 'small' }, t('document.empty_passage')));
        box.setAttribute('data-loaded', 'true');
      }, function () {
        if (seq !== renderSeq) return;
        clear(box);
        box.appendChild(h('p', { class: 'small' }, t('errors.passage')));
        done[n] = false;
      }).then(function () { running--; pump(); });
    }
    function want(box) { if (!done[box.getAttribute('data-n')] && queue.indexOf(box) < 0) { queue.push(box); pump(); } }

    var target = /^#p-(\d+)$/.exec(location.hash);
    if (target) {
      var li = document.getElementById('p-' + target[1]);
      if (li) {
        want($('.passage-text', li));
        li.classList.add('target');
        setTimeout(function () { li.scrollIntoView({ block: 'start' }); }, 0);
      }
    }
    if ('IntersectionObserver' in window) {
      var io = new IntersectionObserver(function (entries) {
        entries.forEach(function (e) {
          if (e.isIntersecting) { io.unobserve(e.target); want(e.target); }
        });
      }, { rootMargin: '600px 0px' });
      boxes.forEach(function (b) { io.observe(b); });
    } else {
      boxes.forEach(want);
    }
    // Then the rest, in order, so that the whole text is there (find in page, printing).
    setTimeout(function () {
      if (seq !== renderSeq) return;
      boxes.slice(0, 400).forEach(want);
    }, 800);
  }

  function lastSearchHref() {
    try { return sessionStorage.getItem('atip.lastSearch'); } catch (e) { return null; }
  }
  function rememberSearch() {
    try { sessionStorage.setItem('atip.lastSearch', location.pathname + location.search); } catch (e) { /* ignore */ }
  }

  // ---------------------------------------------------------------- Work Plan view

  function loadWorkplan() {
    if (workplanCache) return Promise.resolve(workplanCache);
    return api('workplan').then(function (j) {
      workplanCache = Array.isArray(j.items) ? j.items.filter(function (x) { return x && isItemId(x.id); }) : [];
      return workplanCache;
    });
  }

  function renderWorkplan(s, seq) {
    var view = $('#view');
    view.setAttribute('aria-busy', 'true');
    if (s.item) {
      if (!isItemId(s.item)) {
        view.removeAttribute('aria-busy');
        clear(view);
        append(view, [h('h1', null, t('workplan.title')), errorBox(new ApiError(404, 'not_found', ''))]);
        return null;
      }
      return api('workplan/' + s.item).then(function (res) {
        if (seq !== renderSeq) return;
        view.removeAttribute('aria-busy');
        clear(view);
        buildItem(view, res);
      }, function (err) {
        if (seq !== renderSeq) return;
        view.removeAttribute('aria-busy');
        clear(view);
        append(view, [h('h1', null, itemName(s.item)), errorBox(err), h('p', null, h('a', { href: workplanHref() }, t('workplan.back')))]);
      });
    }
    return loadWorkplan().then(function (items) {
      if (seq !== renderSeq) return;
      view.removeAttribute('aria-busy');
      clear(view);
      buildWorkplan(view, items);
    }, function (err) {
      if (seq !== renderSeq) return;
      view.removeAttribute('aria-busy');
      clear(view);
      append(view, [h('h1', null, t('workplan.title')), errorBox(err)]);
    });
  }

  function buildWorkplan(view, items) {
    setTitle(t('workplan.title'));
    var toc = h('ul', { class: 'pillar-toc' });
    var sections = PILLARS.map(function (pillar) {
      var mine = items.filter(function (x) { return x.pillar === pillar; })
        .sort(function (a, b) { return compareItems(a.id, b.id); });
      if (!mine.length) return null;
      toc.appendChild(h('li', null, h('a', { href: '#pillar-' + pillar }, pillarName(pillar), ' ', h('span', { class: 'count' }, fmtNum(mine.length)))));
      return h('section', { class: 'pillar pillar-' + pillar, id: 'pillar-' + pillar, 'aria-labelledby': 'ph-' + pillar },
        h('h2', { id: 'ph-' + pillar }, pillarName(pillar)),
        h('p', { class: 'small' }, t('pillar_notes.' + pillar)),
        h('ol', { class: 'items' }, mine.map(function (it) {
          var docs = it.documents || 0, psg = it.passages || 0;
          return h('li', { class: 'item' + (docs ? '' : ' item-empty'), 'data-item': it.id },
            h('a', { class: 'item-link', href: workplanHref(it.id) },
              h('span', { class: 'item-id' }, itemName(it.id)),
              h('span', { class: 'item-text', lang: 'en' }, shorten(it.text || it.heading || '', 220))),
            h('p', { class: 'item-counts' },
              h('span', null, t('counts.documents', { count: docs })), ' · ',
              h('span', null, t('counts.passages', { count: psg }))));
        })));
    });
    append(view, [
      h('h1', null, t('workplan.title')),
      h('p', { class: 'lead' }, t('workplan.lead', { count: items.length })),
      h('nav', { 'aria-label': t('workplan.pillars') }, toc),
      sections
    ]);
  }

  function shorten(text, n) {
    text = String(text).replace(/\s+/g, ' ').trim();
    if (text.length <= n) return text;
    var cut = text.slice(0, n);
    var sp = cut.lastIndexOf(' ');
    return (sp > n * 0.6 ? cut.slice(0, sp) : cut) + '…';
  }

  function buildItem(view, res) {
    var item = res.item || {};
    var id = isItemId(item.id) ? item.id : current.item;
    var evidence = Array.isArray(res.evidence) ? res.evidence : [];
    setTitle(itemName(id));
    var docIds = [];
    evidence.forEach(function (e) { if (e && e.id && docIds.indexOf(e.id) < 0) docIds.push(e.id); });
    var exportBase = API + 'workplan/' + id;

    // Evidence grouped by document, in the order given (newest document first).
    var groups = [];
    var byId = {};
    evidence.forEach(function (e) {
      if (!e || !isDocId(e.id)) return;
      var g = byId[e.id];
      if (!g) { g = byId[e.id] = { doc: e, rows: [] }; groups.push(g); }
      g.rows.push(e);
    });

    append(view, [
      h('nav', { class: 'crumbs', 'aria-label': t('nav.breadcrumb') }, h('a', { href: workplanHref() }, '← ' + t('workplan.back'))),
      h('p', { class: 'eyebrow' }, pillarName(item.pillar)),
      h('h1', null, itemName(id)),
      item.text ? h('blockquote', { class: 'item-quote', lang: 'en' }, item.text) : null,
      h('p', { class: 'item-summary' }, t('workplan.evidence_summary', {
        passages: t('counts.passages', { count: evidence.length }), documents: t('counts.documents', { count: docIds.length }) })),
      h('div', { class: 'exports' },
        h('a', { class: 'button', href: exportBase + '?format=csv', download: id.replace(':', '-') + '.csv', 'data-format': 'csv' }, t('workplan.export_csv')),
        h('a', { class: 'button', href: exportBase + '?format=markdown', download: id.replace(':', '-') + '.md', 'data-format': 'markdown' }, t('workplan.export_md')),
        h('a', { class: 'button', href: searchHref({ q: '', filters: { link: [id] }, page: 1, sort: '-date', group: 'passage' }) }, t('workplan.search_linked'))),
      h('section', { class: 'evidence', 'aria-labelledby': 'ev-title' },
        h('h2', { id: 'ev-title' }, t('workplan.evidence')),
        groups.length ? h('ol', { class: 'evidence-list' }, groups.map(function (g) {
          var d = g.doc;
          return h('li', { class: 'evidence-doc', 'data-id': d.id },
            h('h3', null, h('a', { href: docHref(d.id) }, d.title || d.id)),
            h('p', { class: 'hit-meta' },
              d.type ? h('span', { class: 'badge' }, typeName(d.type)) : null,
              d.date ? h('span', { class: 'meta-item' }, fmtDate(d.date)) : (d.year ? h('span', { class: 'meta-item' }, String(d.year)) : null),
              d.symbol ? h('span', { class: 'meta-item symbol' }, d.symbol) : null),
            h('ol', { class: 'evidence-passages' }, g.rows.map(function (e) {
              var p = e.passage || {};
              return h('li', { class: 'evidence-passage' },
                h('p', { class: 'where' },
                  p.heading ? h('span', { class: 'passage-heading' }, p.heading) : null,
                  p.page ? h('span', { class: 'passage-page' }, t('hit.page', { page: p.page })) : null,
                  e.method ? h('span', { class: 'method method-' + String(e.method).replace(/[^a-z]/g, '') }, methodName(e.method)) : null,
                  typeof e.score === 'number' ? h('span', { class: 'score' }, t('workplan.score', { score: Math.round(e.score * 100) / 100 })) : null,
                  e.status && e.status !== 'auto' ? h('span', { class: 'status' }, statusName(e.status)) : null),
                p.text ? h('blockquote', { class: 'passage-text', lang: null }, textBlocks(shorten(p.text, 900))) : null,
                h('p', { class: 'hit-actions' },
                  p.page ? h('a', { class: 'open-pdf', href: fileUrl(d.id, p.page) }, t('hit.open_pdf_page', { page: p.page })) : null,
                  typeof p.n === 'number' ? h('a', { class: 'in-context', href: docHref(d.id, p.n) }, t('hit.in_context')) : null));
            })));
        })) : h('p', { class: 'notice' }, t('workplan.no_evidence')))
    ]);
  }

  // ---------------------------------------------------------------- start

  // The facet panel is open on wide screens, folded on phones.
  if (window.matchMedia) {
    var mq = window.matchMedia('(min-width: 52em)');
    var onMq = function () { var d = $('#facet-panel'); if (d) d.open = mq.matches; };
    if (mq.addEventListener) mq.addEventListener('change', onMq);
  }

  // Work Plan texts for tooltips on the `link` facet (not needed to render).
  function warmWorkplan() { loadWorkplan().catch(function () { /* optional */ }); }

  function start() {
    var s0 = readState();
    if (s0.view === 'search' && !s0.q && !hasFilters(s0)) {
      var fh = firstHealth = { value: null, pending: null };
      fh.pending = api('health').then(function (j) { fh.value = j; }, function () { /* stats are optional */ })
        .then(function () { fh.pending = null; });
    }
    render().then(function () { setTimeout(warmWorkplan, 500); });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
