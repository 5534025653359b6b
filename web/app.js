/*
 * ATIP Archive — the search page, document view and Work Plan view.
 *
 * One static page; the view and its whole state live in the query string, so every
 * screen is a link that can be shared, and back/forward work:
 *   ./?q=police&type=report&page=2&sort=-date&group=passage&lang=es   search
 *   ./?view=document&id=gs-report-2012-2014#p-7                       a document
 *   ./?view=document&id=mx-ley-general-trata-2012-es&q=víctimas#p-21    … its outline, the search's words marked
 *   ./?view=workplan                   ./?view=workplan&item=mandate:7 the Work Plan
 *   ./?view=compare&q=albergues (or item=activity:37, passage=<id>/<n>)  provisions side by side
 *   ./?view=coverage&type=law&pillar=protection                       the coverage matrix
 *
 * Safety: API strings are only ever put into the page as text (textContent / text
 * nodes). Snippets, whose only markup is <mark>…</mark>, are split on those two tags
 * and the rest is decoded and inserted as text. No innerHTML, no eval, no inline
 * styles in markup (Content-Security-Policy: script-src 'self'; style-src 'self').
 */
(function () {
  'use strict';

  var LANGS = ['en', 'es', 'pt', 'fr'];
  // The search filters and facets come from the server's field table (fields.js, generated from it).
  var FIELDS = window.ATIP_FIELDS || [];
  var FILTERS = FIELDS.map(function (f) { return f.name; });
  var FACET_ORDER = FILTERS;
  var PILLARS = (FIELDS.filter(function (f) { return f.name === 'pillar'; })[0] || { vocabulary: [] }).vocabulary;
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
  var docHashHook = null; // the document view's: makes #p-N the target passage without rendering again

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
      case 'pillar': return pillarName(value);
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
      view: oneOf(p.get('view'), ['search', 'document', 'workplan', 'compare', 'coverage'], 'search'),
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
  /** A document, at a passage (#p-N); q: the search's words, highlighted in its text. */
  function docHref(id, passage, q) {
    var p = new URLSearchParams();
    p.set('view', 'document');
    p.set('id', id);
    if (q) p.set('q', q);
    return hrefFrom(withLang(p)) + (passage ? '#p-' + passage : '');
  }
  /** The absolute link to a document or one of its passages, without the interface language (to cite). */
  function permalink(id, passage) {
    return location.origin + ROOT + '?view=document&id=' + encodeURIComponent(id) + (passage ? '#p-' + passage : '');
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
    // In a document, #p-N (an outline entry, §N, Back between them): that passage, the page as it is.
    if (!otherPage && docHashHook && docHashHook()) return;
    render({ fromHistory: otherPage, restoreScroll: e.state && typeof e.state.scrollY === 'number' ? e.state.scrollY : 0 });
  });
  window.addEventListener('hashchange', function () {
    if (location.search === renderedSearch && docHashHook) docHashHook();
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
      a.setAttribute('href', nav === 'workplan' ? workplanHref() : nav === 'coverage' ? coverageHref() : homeHref());
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
    docHashHook = null;
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
      else if (s.view === 'compare') p = renderCompare(s, seq, focusHeading);
      else if (s.view === 'coverage') p = renderCoverage(s, seq, focusHeading);
      else p = renderSearch(s, seq, prev, focusHeading);
      return Promise.resolve(p).then(function () {
        if (seq !== renderSeq) return;
        // Focus: back where it was (a facet, a control), or the results heading / the new view's heading.
        var again = focusKey ? $('[data-focus-key="' + cssEscape(focusKey) + '"]') : null;
        if (again) again.focus();
        else if (focusHeading) {
          var target = (s.view === 'search' ? $('#results-title') : null) ||
            (viewChanged || s.view === 'search' || s.view === 'compare' || s.view === 'coverage' ? $('#view h1') : null);
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
          h('span', { class: 'card-text' }, t('home.practices_text')))),
      browseSlot()
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
          dym, active, s.q && total > 0 ? compareWay(s) : null, empty, list, pager(s, total), total > 0 ? exportLinks(s) : null)),
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

  function passageBlock(hit, p, q) {
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
        h('a', { class: 'in-context', href: docHref(hit.id, p.n, q) }, t('hit.in_context')),
        comparePassageLink(hit.id, p)));
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
            h('a', { href: docHref(hit.id, g.passages[0] && g.passages[0].n, s.q) }, hit.title || hit.id)),
          metaLine(hit),
          alsoAs(hit, s.q),
          g.passages.map(function (p) { return passageBlock(hit, p, s.q); }),
          links.length ? h('p', { class: 'hit-links' }, h('span', { class: 'label' }, t('hit.workplan') + ' '),
            links.slice(0, 8).map(function (id) { return h('a', { class: 'chip', href: workplanHref(id) }, itemName(id)); }),
            links.length > 8 ? h('span', { class: 'small' }, ' +' + fmtNum(links.length - 8)) : null) : null)));
    });
    return ol;
  }

  /**
   * "Also as: <the other rendering>": the same text as another document (the law as a PDF and in a
   * mobile layout), which the list does not show on its own. Named by its title when it differs, else
   * by its identifier (the titles of two renderings are mostly the same).
   */
  function alsoAs(hit, q) {
    var others = Array.isArray(hit.also_as) ? hit.also_as.filter(function (d) { return d && isDocId(d.id) && d.id !== hit.id; }) : [];
    if (!others.length) return null;
    return h('p', { class: 'also-as' },
      h('span', { class: 'label' }, t('hit.also_as')), ' ',
      others.map(function (d, i) {
        var own = d.title && d.title !== hit.title;
        return [i ? ', ' : '', h('a', { class: 'also-as-link', href: docHref(d.id, null, q), 'data-id': d.id,
          title: own ? null : t('hit.also_as_title'), lang: own ? d.language || null : null }, own ? d.title : d.id)];
      }));
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
    // The table of contents comes with it (none when the server has no outline: the text alone).
    var outline = api('documents/' + encodeURIComponent(s.id) + '/outline').catch(function () { return null; });
    return Promise.all([api('documents/' + encodeURIComponent(s.id)), outline]).then(function (r) {
      if (seq !== renderSeq) return;
      view.removeAttribute('aria-busy');
      clear(view);
      buildDocument(view, r[0], seq, r[1], s);
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

  function buildDocument(view, doc, seq, outline, s) {
    var id = doc.id;
    var q = s && s.q ? s.q : '';
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
      dlRow(t('meta.renderings'), (Array.isArray(doc.renderings) ? doc.renderings : []).filter(function (d) { return d && isDocId(d.id) && d.id !== id; })
        .map(function (d, i) { return [i ? ', ' : '', h('a', { class: 'rendering-link', href: docHref(d.id, null, q), title: t('hit.also_as_title') }, d.id)]; })),
      dlRow(t('meta.permalink'), h('a', { href: docHref(id) }, permalink(id))));

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

    // Laws and treaties: their outline (books, titles, chapters, articles) beside the text, each
    // passage under its article's label and caption, the headings where a chapter begins.
    var model = outlineModel(outline);
    var structured = model.structural || passages.some(function (p) { return p && p.article; });
    var words = queryWords(q);
    var plist = h('ol', { class: 'passages' });
    var prevSteps = [];
    var prevArticle = null;
    var hashN = (/^#p-(\d+)$/.exec(location.hash) || [])[1];
    passages.forEach(function (p) {
      if (!p || typeof p.n !== 'number') return;
      var links = (p.links || []).filter(isItemId);
      var where = [];
      if (p.page) where.push(t('hit.page', { page: p.page }));
      if (p.date) where.push(fmtDate(p.date));
      if (p.language && p.language !== doc.language) where.push(languageName(p.language));
      if (p.ocr) where.push(t('document.ocr'));
      var chain = model.structural ? (model.chainOf[p.n] || []) : [];
      var last = chain.length ? chain[chain.length - 1] : null;
      var article = last && last.node.kind === 'article' ? last : null;
      var steps = chain.filter(function (e) { return e.node.kind !== 'article'; });
      // The headings that begin at this passage: its steps from the first that differs from the one before's.
      var from = 0;
      while (from < steps.length && from < prevSteps.length && steps[from] === prevSteps[from]) from++;
      var heads = steps.slice(from).map(function (e) { return structHeading(e.node); });
      var continued = !!article && article === prevArticle;
      prevSteps = steps;
      prevArticle = article;
      var label = p.article || (article && article.node.label) || null;
      var caption = p.caption || (article && article.node.caption) || null;
      var title;
      if (label) {
        title = [h('span', { class: 'passage-article' }, label),
          caption ? [' ', h('span', { class: 'passage-caption' }, caption)] : null,
          continued ? [' ', h('span', { class: 'passage-continued', lang: uiLang }, t('document.continued'))] : null];
      } else if (structured) {
        title = h('span', { lang: uiLang }, t('document.passage_n', { n: p.n }));
      } else {
        title = p.heading || t('document.passage_n', { n: p.n });
      }
      var textBox = h('div', { class: 'passage-text', 'data-n': p.n, lang: p.language || doc.language || null },
        h('p', { class: 'loading small' }, t('status.loading')));
      plist.appendChild(h('li', { id: 'p-' + p.n, class: 'passage', 'data-n': p.n },
        heads,
        h('h3', { class: 'passage-title' },
          h('a', { class: 'anchor', href: '#p-' + p.n, 'aria-label': t('document.passage_n', { n: p.n }) }, '§' + p.n), ' ',
          title),
        where.length ? h('p', { class: 'where small' }, where.join(' · ')) : null,
        textBox,
        h('p', { class: 'hit-actions' },
          links.map(function (item) { return h('a', { class: 'chip', href: workplanHref(item) }, itemName(item)); }),
          isPdf && p.page ? h('a', { class: 'open-pdf', href: fileUrl(id, p.page) }, t('hit.open_pdf_page', { page: p.page })) : null,
          comparePassageLink(id, p)),
        citeBox(citation(doc, p, label), p.n, String(p.n) === hashN)));
    });
    var panel = model.structural ? outlinePanel(model, doc.language) : null;

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
          words.length ? h('p', { class: 'highlight-note', lang: uiLang },
            t('document.highlighted'), ' ',
            words.map(function (w, i) { return [i ? ', ' : '', h('mark', null, w.raw)]; }), ' · ',
            h('a', { class: 'highlight-off', href: docHref(id, hashN) }, t('document.highlight_off'))) : null,
          h('div', { class: panel ? 'doc-body' : 'doc-body doc-body-single' }, panel, plist)))
    ]);

    fillTitles(titleSlots, seq);
    var reader = lazyPassages(id, plist, seq, {
      matcher: wordMatcher(words),
      onTarget: panel ? function (n) { markOutline(model, panel, n); } : null
    });
    docHashHook = function () {
      if (!plist.isConnected) return false;
      var m = /^#p-(\d+)$/.exec(location.hash);
      return m ? reader.setTarget(m[1], true) : false;
    };
  }

  // ---------------------------------------------------------------- document structure

  var KINDS = ['book', 'part', 'title', 'chapter', 'section', 'subchapter', 'transitory', 'heading', 'article'];
  function kindClass(kind) { return KINDS.indexOf(kind) >= 0 ? kind : 'other'; }

  /** The first passage under an outline node. */
  function firstPassage(node) {
    if (typeof node.passage === 'number') return node.passage;
    return Array.isArray(node.passages) && typeof node.passages[0] === 'number' ? node.passages[0] : null;
  }

  /**
   * The outline of GET documents/{id}/outline, as entries {node, first, children, link}: chainOf[n] is the
   * chain of entries of passage n, outermost first; structural when some node is more than a plain
   * heading (a book, a chapter, an article...): reports have headings only, and show no outline.
   */
  function outlineModel(outline) {
    var m = { roots: [], entries: [], chainOf: {}, structural: false, articles: 0 };
    function walk(list, chain) {
      return (Array.isArray(list) ? list : []).filter(function (node) { return node && typeof node === 'object'; }).map(function (node) {
        var e = { node: node, first: firstPassage(node), children: [], link: null };
        m.entries.push(e);
        if (node.kind !== 'heading') m.structural = true;
        if (node.kind === 'article') m.articles++;
        var c = chain.concat([e]);
        (Array.isArray(node.passages) ? node.passages : []).forEach(function (n) { if (typeof n === 'number') m.chainOf[n] = c; });
        e.children = walk(node.children, c);
        return e;
      });
    }
    m.roots = walk(outline && outline.outline, []);
    if (outline && typeof outline.articles === 'number') m.articles = outline.articles;
    return m;
  }

  /** "CAPÍTULO II" over "De los delitos en materia de trata de personas", where a chapter begins. */
  function structHeading(node) {
    if (!node.label && !node.caption) return null;
    return h('h3', { class: 'struct-heading struct-of-' + kindClass(node.kind) },
      node.label ? h('span', { class: 'struct-label' }, node.label) : null,
      node.label && node.caption ? ' ' : null,
      node.caption ? h('span', { class: 'struct-caption' }, node.caption) : null);
  }

  var wideScreen = window.matchMedia ? window.matchMedia('(min-width: 52em)') : null;
  function isWide() { return wideScreen ? wideScreen.matches : true; }

  /**
   * The table of contents: nested lists (book › title › chapter › article), each entry a link to its
   * first passage. Beside the text on wide screens; folded above it on phones (a <details>).
   */
  function outlinePanel(model, docLang) {
    function list(entries) {
      return h('ol', { class: 'outline-list' }, entries.map(function (e) {
        var node = e.node;
        var cap = node.caption ? shorten(node.caption, 140) : '';
        var text = node.label || cap ? [
          node.label ? h('span', { class: 'outline-label' }, node.label) : null,
          node.label && cap ? ' ' : null,
          cap ? h('span', { class: 'outline-caption' }, cap) : null] : t('document.passage_n', { n: e.first });
        var attrs = { class: 'outline-link', 'data-kind': kindClass(node.kind), title: cap !== (node.caption || '') ? node.caption : null };
        if (e.first) { attrs.href = '#p-' + e.first; attrs['data-n'] = e.first; }
        e.link = h(e.first ? 'a' : 'span', attrs, text);
        return h('li', { class: 'outline-item outline-' + kindClass(node.kind) }, e.link, e.children.length ? list(e.children) : null);
      }));
    }
    var details = h('details', { id: 'outline-panel', class: 'outline-panel' },
      h('summary', null, t('document.outline'),
        model.articles ? h('span', { class: 'count' }, ' (' + t('document.articles', { count: model.articles }) + ')') : null),
      h('nav', { class: 'outline', 'aria-labelledby': 'outline-title' },
        h('h2', { id: 'outline-title' }, t('document.outline')),
        h('div', { class: 'outline-entries', lang: docLang || null }, list(model.roots))));
    details.open = isWide();
    // On a phone the contents fold away once an entry is chosen (the text is what was asked for).
    details.addEventListener('click', function (ev) {
      var a = ev.target.closest ? ev.target.closest('a.outline-link') : null;
      if (a && !isWide()) details.open = false;
    });
    return details;
  }

  /** The entry of passage n is the current one (aria-current), its ancestors are marked, and it is in view. */
  function markOutline(model, panel, n) {
    model.entries.forEach(function (e) {
      if (!e.link) return;
      e.link.removeAttribute('aria-current');
      e.link.classList.remove('in-path');
    });
    var chain = model.chainOf[n] || [];
    var cur = null;
    chain.forEach(function (e, i) {
      if (!e.link) return;
      if (i === chain.length - 1) { e.link.setAttribute('aria-current', 'location'); cur = e.link; }
      else e.link.classList.add('in-path');
    });
    // The panel scrolls on its own beside the text: bring the entry into its view, not the page's.
    if (cur && panel.open && panel.scrollHeight > panel.clientHeight + 1) {
      var r = cur.getBoundingClientRect(), b = panel.getBoundingClientRect();
      if (r.top < b.top || r.bottom > b.bottom) panel.scrollTop += r.top - b.top - b.height / 3;
    }
  }

  // ---------------------------------------------------------------- passage text: lines, highlights

  // The margin notes of Mexican laws ("Fracción reformada DOF 07-06-2024"): a line of their own.
  var DOF_NOTE = /((?:Párrafo|Fracción|Artículo|Inciso|Apartado|Denominación del (?:Libro|Título|Capítulo))(?: (?:reformad|adicionad|derogad)[oa]s?)(?:,? y (?:reformad|adicionad|derogad)[oa]s?)? DOF \d{2}-\d{2}-\d{4}(?:(?:,| y) \d{2}-\d{2}-\d{4})*)/;
  // Numbered fractions and items: "I.", "IV)", "a)", "(a)", "(1)", "(A)", "1.", "b."
  var ITEM = /^(?:[IVXLCDM]+[.)]|[a-zñ]\)|\((?:[a-z]{1,4}|\d{1,3}|[A-Z])\)|[A-Z]\)|\d{1,3}[.)]|[a-z]\.)\s/;

  /** A passage's text, one block per line (its fractions and items each on their own line). */
  function lineBlocks(text) {
    var out = [];
    String(text || '').split('\n').forEach(function (line) {
      line = line.replace(/[ \t\r\f\v]+/g, ' ').trim();
      if (!line) return;
      line.split(DOF_NOTE).forEach(function (part, i) {
        part = part.trim();
        if (!part) return;
        out.push(h('p', { class: i % 2 ? 'text-note' : ITEM.test(part) ? 'text-item' : null }, part));
      });
    });
    return out;
  }

  function fold(s) { return String(s).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase(); }
  function escapeRe(s) { return String(s).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }

  // Words not worth marking in a text (the search finds them everywhere).
  var STOPWORDS = {};
  ('a an and are as at be by for from in into is it of on or the this that to with ' +
    'al con de del el en la las lo los o para por que se su sus un una y ' +
    'as ao aos com da das do dos e em na nas no nos os um uma ' +
    'au aux ce ces du et il les leur ou par pour sur une').split(' ').forEach(function (w) { STOPWORDS[w] = true; });

  /** The words of a query to mark in a text: no operators, fields, excluded words or stop words. */
  function queryWords(q) {
    var out = [];
    var seen = {};
    String(q || '').replace(/["“”«»()]/g, ' ').split(/\s+/).forEach(function (tok) {
      if (!tok || tok[0] === '-' || /^(AND|OR|NOT|NEAR|XOR)$/.test(tok) || tok.indexOf(':') > 0) return;
      (tok.match(/[\p{L}\p{N}]+\*?/gu) || []).forEach(function (w) {
        var prefix = w[w.length - 1] === '*';
        if (prefix) w = w.slice(0, -1);
        var f = fold(w);
        if (f.length < 2 || STOPWORDS[f] || seen[f + (prefix ? '*' : '')]) return;
        seen[f + (prefix ? '*' : '')] = true;
        out.push({ raw: w, folded: f, prefix: prefix });
      });
    });
    return out.slice(0, 12);
  }

  /**
   * One expression for the words, matched on folded text (no accents, lower case: "victimas" marks
   * "Víctimas"), whole words, with a plural's s or es either way ("víctima" marks "víctimas"); "traffick*"
   * marks the words that begin so.
   */
  function wordMatcher(words) {
    if (!words.length) return null;
    var alts = words.map(function (w) {
      var base = w.folded;
      if (w.prefix) return escapeRe(base) + '[\\p{L}\\p{N}]*';
      if (base.length > 3 && /s$/.test(base)) base = base.slice(0, -1);
      return escapeRe(base) + (base.length >= 3 ? '(?:e?s)?' : '');
    }).sort(function (a, b) { return b.length - a.length; });
    try {
      return new RegExp('(?<![\\p{L}\\p{N}])(?:' + alts.join('|') + ')(?![\\p{L}\\p{N}])', 'gu');
    } catch (e) {
      return null; // a browser without Unicode classes or lookbehind: the text unmarked
    }
  }

  /** The text folded character by character, with the place of each folded character in the original. */
  function foldMap(text) {
    var out = '';
    var map = [];
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      var ch = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? text.slice(i, i + 2) : text[i];
      var f = fold(ch);
      for (var k = 0; k < f.length; k++) map.push(i);
      out += f;
      i += ch.length - 1;
    }
    map.push(text.length);
    return { text: out, map: map };
  }

  /** Wraps the matches of re in the text nodes under root in <mark> (text nodes only: no markup is parsed). */
  function highlightIn(root, re) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, null);
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(function (node) {
      if (!node.parentNode || node.parentNode.nodeName === 'MARK') return;
      var text = node.nodeValue;
      var fm = foldMap(text);
      var frag = null;
      var pos = 0;
      var m;
      re.lastIndex = 0;
      while ((m = re.exec(fm.text))) {
        if (!m[0]) { re.lastIndex++; continue; }
        var a = fm.map[m.index];
        var b = fm.map[m.index + m[0].length];
        if (a < pos || b <= a) continue;
        if (!frag) frag = document.createDocumentFragment();
        if (a > pos) frag.appendChild(document.createTextNode(text.slice(pos, a)));
        frag.appendChild(h('mark', { class: 'q-mark' }, text.slice(a, b)));
        pos = b;
      }
      if (!frag) return;
      if (pos < text.length) frag.appendChild(document.createTextNode(text.slice(pos)));
      node.parentNode.replaceChild(frag, node);
    });
  }

  // ---------------------------------------------------------------- cite this

  /** "art. 10" from "Artículo 10", "Art. 149-A", "Article 6"; "§ 1589" as it is; "s. 279.01" from "279.01". */
  function articleCite(label) {
    var l = String(label).replace(/\s+/g, ' ').trim();
    var m = /^(?:art[ií]culo|article|artigo|art)\.?\s+(.+)$/i.exec(l);
    if (m) return t('cite.article', { n: m[1] });
    if (/^\d/.test(l)) return t('cite.section', { n: l });
    return l;
  }

  /** The title with its country in the interface language: "(México)" becomes "(Mexico)", or is added. */
  function citeTitle(doc) {
    var title = String(doc.title || doc.id).replace(/\s+/g, ' ').trim();
    var code = doc.jurisdiction;
    if (!code || !/^[A-Z]{2}$/.test(code)) return title;
    var name = countryName(code);
    if (!name || name === code) return title;
    var names = [name];
    LANGS.forEach(function (l) {
      try {
        var n = new Intl.DisplayNames([l], { type: 'region' }).of(code);
        if (n && n !== code && names.indexOf(n) < 0) names.push(n);
      } catch (e) { /* no display names */ }
    });
    var paren = new RegExp('\\((' + names.map(escapeRe).join('|') + ')\\)', 'i');
    if (paren.test(title)) return title.replace(paren, '(' + name + ')');
    var named;
    try { named = new RegExp('(?<![\\p{L}])' + escapeRe(name) + '(?![\\p{L}])', 'iu').test(title); } catch (e) { named = title.indexOf(name) >= 0; }
    return named ? title : title + ' (' + name + ')';
  }

  /** "Ley General … (México), art. 10, p. 7 — https://…/?view=document&id=…#p-21" */
  function citation(doc, p, label) {
    var parts = [citeTitle(doc)];
    if (doc.symbol && String(doc.title || '').indexOf(doc.symbol) < 0) parts.push(doc.symbol);
    if (label) parts.push(articleCite(label));
    if (p.page) parts.push(t('cite.page', { page: String(p.page) }));
    return parts.join(', ') + ' — ' + permalink(doc.id, p.n);
  }

  /** "Cite this passage": the citation and a Copy button; open on the passage the link points to. */
  function citeBox(text, n, open) {
    var line = h('span', { class: 'cite-text' }, text);
    var label = h('span', { class: 'cite-copy-label' }, t('cite.copy'));
    var button = h('button', { type: 'button', class: 'button cite-copy' }, label,
      h('span', { class: 'visually-hidden' }, ' ' + t('cite.copy_which', { n: n })));
    button.addEventListener('click', function () { copyText(text, line, label); });
    return h('details', { class: 'cite', open: open ? true : null, lang: uiLang },
      h('summary', null, t('cite.title')),
      h('div', { class: 'cite-body' }, h('p', { class: 'cite-line' }, line), button));
  }

  function copyText(text, line, label) {
    function done(ok) {
      if (ok) {
        label.textContent = t('cite.copied');
        announce(t('cite.copied'));
        setTimeout(function () { label.textContent = t('cite.copy'); }, 2500);
      } else {
        // Nothing could write the clipboard: the citation is selected, for Ctrl+C.
        var range = document.createRange();
        range.selectNodeContents(line);
        var sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
        announce(t('cite.copy_manual'));
      }
    }
    if (navigator.clipboard && navigator.clipboard.writeText && window.isSecureContext !== false) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(legacyCopy(text)); });
    } else {
      done(legacyCopy(text));
    }
  }
  function legacyCopy(text) {
    var before = document.activeElement;
    var ta = h('textarea', { class: 'visually-hidden', readonly: true, 'aria-hidden': 'true', tabindex: '-1' });
    ta.value = text;
    document.body.appendChild(ta);
    ta.select();
    var ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    document.body.removeChild(ta);
    if (before && before.focus) before.focus();
    return ok;
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

  /**
   * Fetches passage texts as they come into view (and the one in the URL's #p-N first), marks the
   * search's words in them (opts.matcher) and brings the first mark into view: the target passage's,
   * or without a target the document's first. setTarget(n) makes passage n the target (#p-N).
   */
  function lazyPassages(id, plist, seq, opts) {
    opts = opts || {};
    var matcher = opts.matcher || null;
    var boxes = $all('.passage-text', plist);
    var queue = [];
    var running = 0;
    var done = {};
    var loaded = {};
    var target = null;
    var markShown = false;
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
        var blocks = lineBlocks(p.text);
        append(box, blocks.length ? blocks : h('p', { class: 'small' }, t('document.empty_passage')));
        if (matcher) highlightIn(box, matcher);
        box.setAttribute('data-loaded', 'true');
        loaded[n] = true;
        showMark();
      }, function (err) {
        if (seq !== renderSeq) return;
        done[n] = false;
        // Too many at once (a law of 200 articles): again a little later.
        if (err && err.status === 429) { setTimeout(function () { if (seq === renderSeq) want(box); }, 1000); return; }
        clear(box);
        box.appendChild(h('p', { class: 'small' }, t('errors.passage')));
      }).then(function () { running--; pump(); });
    }
    function want(box) { if (!done[box.getAttribute('data-n')] && queue.indexOf(box) < 0) { queue.push(box); pump(); } }
    function wantFirst(box) {
      var i = queue.indexOf(box);
      if (i >= 0) queue.splice(i, 1);
      if (!done[box.getAttribute('data-n')]) { queue.unshift(box); pump(); }
    }
    /** The first mark of the target passage, or (no target) of the text, into view, once. */
    function showMark() {
      if (!matcher || markShown) return;
      var m = null;
      if (target) {
        if (!loaded[target.getAttribute('data-n')]) return;
        m = $('mark', target);
        markShown = true;
        if (m) m.scrollIntoView({ block: 'nearest' });
        return;
      }
      for (var i = 0; i < boxes.length; i++) {
        if (!loaded[boxes[i].getAttribute('data-n')]) return;
        m = $('mark', boxes[i]);
        if (m) break;
      }
      markShown = true;
      // Not when the reader has already moved (or Back put them where they were).
      if (m && window.scrollY < 50) m.scrollIntoView({ block: 'center' });
    }
    function setTarget(n, scroll) {
      var li = document.getElementById('p-' + n);
      if (!li || !plist.contains(li)) return false;
      $all('.passage.target', plist).forEach(function (x) { if (x !== li) x.classList.remove('target'); });
      li.classList.add('target');
      target = $('.passage-text', li);
      var cite = $('details.cite', li);
      if (cite) cite.open = true;
      if (opts.onTarget) opts.onTarget(n);
      if (target) wantFirst(target);
      if (scroll) li.scrollIntoView({ block: 'start' });
      markShown = false;
      showMark();
      return true;
    }

    var hash = /^#p-(\d+)$/.exec(location.hash);
    if (hash && setTarget(hash[1], false)) {
      var li = document.getElementById('p-' + hash[1]);
      setTimeout(function () { li.scrollIntoView({ block: 'start' }); }, 0);
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
    // Then the rest, in order, so that the whole text is there (find in page, printing); at once when
    // the search's first mark in the text is to be shown.
    if (matcher && !target) boxes.slice(0, 400).forEach(want);
    setTimeout(function () {
      if (seq !== renderSeq) return;
      boxes.slice(0, 400).forEach(want);
    }, 800);
    return { setTarget: setTarget };
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
    showPillarFromHash();
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
    var review = staffReview(id);

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
        h('a', { class: 'button', href: searchHref({ q: '', filters: { link: [id] }, page: 1, sort: '-date', group: 'passage' }) }, t('workplan.search_linked')),
        h('a', { class: 'button item-feed', href: API + 'feeds/workplan/' + id, type: 'application/atom+xml', 'data-format': 'atom' }, t('browse.item_feed')),
        h('a', { class: 'button compare-item', href: compareHref({ item: id }) }, t('compare.link_item'))),
      review.panel,
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
              return review.row(d, e, h('li', { class: 'evidence-passage', 'data-n': typeof p.n === 'number' ? p.n : null, 'data-status': e.status || 'auto' },
                h('p', { class: 'where' },
                  p.heading ? h('span', { class: 'passage-heading' }, p.heading) : null,
                  p.page ? h('span', { class: 'passage-page' }, t('hit.page', { page: p.page })) : null,
                  e.method ? h('span', { class: 'method method-' + String(e.method).replace(/[^a-z]/g, '') }, methodName(e.method)) : null,
                  typeof e.score === 'number' ? h('span', { class: 'score' }, t('workplan.score', { score: Math.round(e.score * 100) / 100 })) : null,
                  e.status && e.status !== 'auto' ? h('span', { class: 'status' }, statusName(e.status)) : null),
                basisLine(e),
                p.text ? h('blockquote', { class: 'passage-text', lang: null }, textBlocks(shorten(p.text, 900))) : null,
                h('p', { class: 'hit-actions' },
                  p.page ? h('a', { class: 'open-pdf', href: fileUrl(d.id, p.page) }, t('hit.open_pdf_page', { page: p.page })) : null,
                  typeof p.n === 'number' ? h('a', { class: 'in-context', href: docHref(d.id, p.n) }, t('hit.in_context')) : null)));
            })));
        })) : h('p', { class: 'notice' }, t('workplan.no_evidence')))
    ]);
    review.start();
  }

  // ---------------------------------------------------------------- compare view
  //   ./?view=compare&q=albergues         ./?view=compare&item=activity:37
  //   ./?view=compare&passage=mx-ley-general-trata-2012-es/89&jurisdiction=MX&jurisdiction=INT
  // The best provisions of each jurisdiction's laws and treaties on one subject, side by side.

  var COMPARE_EXTRA = ['type', 'language', 'year', 'per']; // passed on to the API as they are
  var compareOptions = {}; // subject → the jurisdictions that have a provision on it (the picker)

  /** The comparison asked for by the URL: its subjects (exactly one is valid) and its columns. */
  function compareState() {
    var p = new URLSearchParams(location.search);
    var c = { q: '', item: '', passage: '', subjects: 0, jurisdictions: [], extra: [] };
    ['q', 'item', 'passage'].forEach(function (k) {
      var v = (p.get(k) || '').trim();
      if (v) { c[k] = v; c.subjects++; }
    });
    p.getAll('jurisdiction').forEach(function (v) {
      v.split(',').forEach(function (x) {
        x = x.trim().toUpperCase();
        if (x && c.jurisdictions.indexOf(x) < 0) c.jurisdictions.push(x);
      });
    });
    COMPARE_EXTRA.forEach(function (k) {
      p.getAll(k).forEach(function (v) { if (v.trim()) c.extra.push([k, v.trim()]); });
    });
    return c;
  }

  function compareHref(c) {
    var p = new URLSearchParams();
    p.set('view', 'compare');
    if (c.q) p.set('q', c.q);
    if (c.item) p.set('item', c.item);
    if (c.passage) p.set('passage', c.passage);
    (c.jurisdictions || []).forEach(function (j) { p.append('jurisdiction', j); });
    (c.extra || []).forEach(function (kv) { p.append(kv[0], kv[1]); });
    return hrefFrom(withLang(p));
  }

  /** The ways in: from a search (its words, its jurisdictions), from a passage. */
  function compareWay(s) {
    return h('p', { class: 'compare-way' },
      h('a', { class: 'compare-search', href: compareHref({ q: s.q, jurisdictions: s.filters.jurisdiction || [] }) }, t('compare.link_search')));
  }
  function comparePassageLink(id, p) {
    if (!isDocId(id) || !p || typeof p.n !== 'number' || p.version) return null;
    return h('a', { class: 'compare-passage', href: compareHref({ passage: id + '/' + p.n }) }, t('compare.link_passage'));
  }

  /** The API's parameters: the subject, the columns (none: every jurisdiction with a provision). */
  function compareParams(c, jurisdictions) {
    var p = new URLSearchParams();
    if (c.q) p.set('q', c.q);
    if (c.item) p.set('item', c.item);
    if (c.passage) p.set('passage', c.passage);
    jurisdictions.forEach(function (j) { p.append('jurisdiction', j); });
    c.extra.forEach(function (kv) { p.append(kv[0], kv[1]); });
    p.set('lang', uiLang);
    return p;
  }

  /** Column and picker name of a jurisdiction ("INT": the international instruments). */
  function jurisdictionLabel(code) {
    return code === 'INT' ? t('compare.international') : countryName(code);
  }

  /** A path of the API (/api/v1/...) as a URL under this page's root. */
  function apiHref(path) {
    return typeof path === 'string' && /^\/api\/v1\//.test(path) ? API + path.slice('/api/v1/'.length) : null;
  }

  function renderCompare(s, seq, focusHeading) {
    var view = $('#view');
    var c = compareState();
    if (c.subjects !== 1) {
      clear(view);
      buildCompareStart(view, c);
      return null;
    }
    // Columns picked: the picker still lists every jurisdiction with a provision, which the
    // answer without `jurisdiction` tells (asked for once per subject).
    var key = compareParams(c, []).toString();
    var options = null;
    if (c.jurisdictions.length && !compareOptions[key]) {
      var all = compareParams(c, []);
      all.set('per', '1');
      options = api('compare', all).then(function (j) { compareOptions[key] = columnsOf(j); }, function () { /* the columns shown will do */ });
    }
    view.setAttribute('aria-busy', 'true');
    return Promise.all([api('compare', compareParams(c, c.jurisdictions)), options]).then(function (r) {
      if (seq !== renderSeq) return;
      view.removeAttribute('aria-busy');
      if (!c.jurisdictions.length) compareOptions[key] = columnsOf(r[0]);
      clear(view);
      buildCompare(view, c, r[0], compareOptions[key] || [], focusHeading);
    }, function (err) {
      if (seq !== renderSeq) return;
      view.removeAttribute('aria-busy');
      clear(view);
      setTitle(t('compare.title'));
      append(view, [h('h1', null, t('compare.title')), errorBox(err), compareForm(c)]);
    });
  }

  function columnsOf(res) {
    return (Array.isArray(res && res.jurisdictions) ? res.jurisdictions : [])
      .map(function (j) { return j && j.jurisdiction; }).filter(Boolean);
  }

  /** Words to compare (the way in without a search). */
  function compareForm(c) {
    var input = h('input', { id: 'compare-q', name: 'q', type: 'search', value: c.q, enterkeyhint: 'go' });
    input.value = c.q;
    var form = h('form', { class: 'compare-form', action: ROOT, method: 'get' },
      h('label', { for: 'compare-q', class: 'search-label' }, t('compare.form_label')),
      h('div', { class: 'search-row' },
        h('div', { class: 'combo' }, input),
        h('button', { type: 'submit', class: 'button button-primary' }, t('compare.form_button'))));
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var q = input.value.trim();
      if (q) navigate(compareHref({ q: q, jurisdictions: c.jurisdictions, extra: c.extra }));
    });
    return form;
  }

  function buildCompareStart(view, c) {
    setTitle(t('compare.title'));
    append(view, [
      h('h1', null, t('compare.title')),
      h('p', { class: 'lead' }, t('compare.start')),
      c.subjects > 1 ? h('div', { class: 'notice notice-error', role: 'alert' }, h('p', null, t('compare.one_subject'))) : null,
      compareForm(c)
    ]);
  }

  /** The subject as a heading: the words, the Work Plan item, or the passage and its document. */
  function compareSubject(c, subject) {
    var kind = subject.kind || (c.q ? 'q' : c.item ? 'item' : 'passage');
    if (kind === 'item' && subject.item) {
      var it = subject.item;
      var id = isItemId(it.id) ? it.id : c.item;
      return {
        title: t('compare.heading_item', { item: itemName(id) }),
        more: [
          it.text ? h('blockquote', { class: 'item-quote', lang: 'en' }, it.text) : null,
          h('p', { class: 'small' }, h('a', { href: workplanHref(id) }, t('compare.item_evidence', { item: itemName(id) })))]
      };
    }
    if (kind === 'passage' && subject.passage) {
      var sp = subject.passage;
      var d = sp.document || {};
      var label = sp.article || sp.caption || lastHeading(sp.heading) || t('document.passage_n', { n: sp.n });
      return {
        title: t('compare.heading_passage', { label: label }),
        more: [
          h('p', { class: 'compare-from' }, t('compare.from'), ' ',
            isDocId(d.id) ? h('a', { href: docHref(d.id, sp.n), lang: d.language || null }, d.title || d.id) : (d.title || ''),
            d.jurisdiction ? [' · ', jurisdictionLabel(d.jurisdiction)] : null,
            sp.page ? [' · ', t('hit.page', { page: sp.page })] : null),
          sp.caption && sp.article ? h('p', { class: 'compare-caption', lang: sp.language || null }, sp.caption) : null,
          sp.text ? h('blockquote', { class: 'passage-text', lang: sp.language || null }, textBlocks(shorten(sp.text, 600))) : null]
      };
    }
    return { title: t('compare.heading_q', { q: subject.q || c.q }), more: [] };
  }

  /** The last part of a heading path ("Protocol … › Article 6 …" → "Article 6 …"). */
  function lastHeading(heading) {
    var parts = String(heading || '').split('›');
    return parts[parts.length - 1].trim();
  }

  function buildCompare(view, c, res, options, focusHeading) {
    var subject = res.subject || {};
    var cols = Array.isArray(res.jurisdictions) ? res.jurisdictions.filter(function (j) { return j && j.jurisdiction; }) : [];
    var head = compareSubject(c, subject);
    setTitle(head.title);
    var provisions = 0;
    cols.forEach(function (j) { provisions += Array.isArray(j.provisions) ? j.provisions.length : 0; });
    var types = (Array.isArray(res.types) ? res.types : []).map(typeName).join(', ');

    // Every jurisdiction the picker offers: those with a provision, those asked for, those shown.
    var offered = options.slice();
    c.jurisdictions.concat(cols.map(function (j) { return j.jurisdiction; })).forEach(function (j) {
      if (offered.indexOf(j) < 0) offered.push(j);
    });
    var shown = cols.map(function (j) { return j.jurisdiction; });

    var summary = h('p', { class: 'compare-summary', id: 'compare-summary' }, cols.length
      ? t('compare.summary', { provisions: t('compare.provisions', { count: provisions }), jurisdictions: t('compare.jurisdictions', { count: cols.length }) })
      : t('compare.none'));

    var columns = cols.length ? h('section', {
      class: 'compare-columns', tabindex: '0', 'aria-label': t('compare.columns'), 'data-columns': cols.length
    }, cols.map(function (j) { return compareColumn(j); })) : null;

    append(view, [
      h('p', { class: 'eyebrow' }, t('compare.title')),
      h('h1', { id: 'compare-title' }, head.title),
      head.more,
      types ? h('p', { class: 'small compare-lead' }, t('compare.lead', { types: types })) : null,
      summary,
      !cols.length ? h('div', { class: 'notice' },
        h('p', null, t('compare.none_hint')),
        c.q ? h('p', null, h('a', { href: searchHref({ q: c.q, filters: {}, page: 1, sort: 'relevance', group: 'document' }) }, t('compare.search_instead', { q: c.q }))) : null) : null,
      offered.length > 1 || c.jurisdictions.length ? comparePicker(c, offered, shown) : null,
      columns,
      c.q && cols.length ? h('p', { class: 'compare-more' },
        h('a', { href: searchHref({ q: c.q, filters: {}, page: 1, sort: 'relevance', group: 'passage' }) }, t('compare.search_instead', { q: c.q }))) : null,
      c.q ? compareForm(c) : null
    ]);
    if (!focusHeading) announce(head.title + '. ' + summary.textContent);
  }

  /** Check boxes: which jurisdictions are columns (all unchecked, or all of the default: every one). */
  function comparePicker(c, offered, shown) {
    var boxes = [];
    var fs = h('fieldset', { class: 'compare-picker' }, h('legend', null, t('compare.picker')));
    var ul = h('ul', { class: 'picker-values' });
    offered.forEach(function (code) {
      var id = 'cj-' + code.replace(/[^A-Za-z0-9_-]/g, '_');
      var box = h('input', { type: 'checkbox', id: id, value: code, checked: shown.indexOf(code) >= 0, 'data-focus-key': 'cj:' + code });
      boxes.push(box);
      box.addEventListener('change', function () {
        var picked = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
        navigate(compareHref({ q: c.q, item: c.item, passage: c.passage, jurisdictions: picked, extra: c.extra }), { keepFocus: true });
      });
      ul.appendChild(h('li', null, box, h('label', { for: id }, jurisdictionLabel(code))));
    });
    append(fs, ul);
    if (c.jurisdictions.length) {
      fs.appendChild(h('p', { class: 'small' }, h('a', {
        href: compareHref({ q: c.q, item: c.item, passage: c.passage, jurisdictions: [], extra: c.extra }),
        class: 'compare-all'
      }, t('compare.picker_all'))));
    }
    return fs;
  }

  function compareColumn(j) {
    var code = j.jurisdiction;
    var list = Array.isArray(j.provisions) ? j.provisions : [];
    var hid = 'cc-' + code.replace(/[^A-Za-z0-9_-]/g, '_');
    return h('section', { class: 'compare-col', 'data-jurisdiction': code, 'aria-labelledby': hid },
      h('h2', { class: 'compare-col-title', id: hid }, jurisdictionLabel(code),
        h('span', { class: 'count' }, t('compare.column_count', { count: list.length }))),
      list.length ? h('ol', { class: 'provisions' }, list.map(function (pv, i) { return provisionCard(pv, hid + '-' + (i + 1)); }))
        : h('p', { class: 'small compare-empty' }, t('compare.column_empty')));
  }

  function provisionCard(pv, hid) {
    var d = pv.document || {};
    var p = pv.passage || {};
    var lang = p.language || d.language || null;
    var title = p.article
      ? [h('span', { class: 'provision-article' }, p.article), p.caption ? h('span', { class: 'provision-caption' }, p.caption) : null]
      : h('span', { class: 'provision-caption' }, lastHeading(p.heading) || t('document.passage_n', { n: p.n }));
    var file = apiHref(pv.file) || (isDocId(d.id) ? fileUrl(d.id, p.page) : null);
    return h('li', { class: 'provision', 'data-id': d.id || null, 'data-n': typeof p.n === 'number' ? p.n : null },
      h('article', { 'aria-labelledby': hid },
        h('h3', { class: 'provision-title', id: hid, lang: lang }, title),
        h('p', { class: 'provision-doc' },
          isDocId(d.id) ? h('a', { href: docHref(d.id), lang: d.language || null }, d.title || d.id) : (d.title || '')),
        h('p', { class: 'hit-meta' },
          d.type ? h('span', { class: 'badge badge-' + String(d.type).replace(/[^a-z-]/g, '') }, typeName(d.type)) : null,
          lang ? h('span', { class: 'meta-item provision-language' }, h('span', { class: 'visually-hidden' }, t('meta.language') + ': '), languageName(lang)) : null,
          p.page ? h('span', { class: 'meta-item provision-page' }, t('hit.page', { page: p.page })) : null,
          d.year ? h('span', { class: 'meta-item' }, h('span', { class: 'visually-hidden' }, t('meta.year') + ': '), String(d.year)) : null,
          p.ocr ? h('span', { class: 'meta-item ocr-note' }, t('document.ocr')) : null),
        h('div', { class: 'provision-text', lang: lang }, highlightedBlocks(p.highlighted, p.text)),
        whyLine(pv.why || {}),
        h('p', { class: 'hit-actions' },
          file ? h('a', { class: 'open-pdf', href: file }, p.page ? t('hit.open_pdf_page', { page: p.page }) : t('hit.open_file')) : null,
          isDocId(d.id) && typeof p.n === 'number' ? h('a', { class: 'in-context', href: docHref(d.id, p.n) }, t('compare.in_context')) : null)));
  }

  /**
   * The whole text with the subject's words in <mark>: `highlighted` is HTML-escaped text whose only
   * markup is <mark>…</mark> (parsed by snippetNodes, inserted as text), on one line; the lines of
   * `text` (the same characters) are its paragraphs.
   */
  function highlightedBlocks(highlighted, text) {
    if (!highlighted) return textBlocks(text);
    var frag = snippetNodes(highlighted);
    var src = String(text || '');
    var plain = frag.textContent;
    if (plain.length !== src.length || plain.replace(/\s+/g, '') !== src.replace(/\s+/g, '')) return [h('p', null, frag)];
    var breaks = [];
    for (var i = 0; i < src.length; i++) if (src[i] === '\n') breaks.push(i);
    var paras = [];
    var cur = h('p');
    var pos = 0, bi = 0;
    function add(str, marked) {
      if (str) cur.appendChild(marked ? h('mark', null, str) : document.createTextNode(str));
    }
    Array.prototype.slice.call(frag.childNodes).forEach(function (node) {
      var str = node.textContent;
      var marked = node.nodeName === 'MARK';
      while (str) {
        var next = bi < breaks.length ? breaks[bi] - pos : Infinity;
        if (next >= str.length) { add(str, marked); pos += str.length; break; }
        add(str.slice(0, next), marked);
        paras.push(cur);
        cur = h('p');
        pos += next + 1;
        str = str.slice(next + 1);
        bi++;
      }
    });
    paras.push(cur);
    return paras.filter(function (p) { return p.textContent.trim(); });
  }

  /** Why this provision: the subject's words in it, its thesaurus concepts, its Work Plan links. */
  function whyLine(why) {
    var words = [];
    var seen = {};
    (Array.isArray(why.words) ? why.words : []).forEach(function (w) {
      var k = String(w).toLowerCase();
      if (w && !seen[k]) { seen[k] = true; words.push(String(w)); }
    });
    var concepts = (Array.isArray(why.concepts) ? why.concepts : []).map(function (x) {
      var m = /^([a-z]{2}):(.+)$/.exec(String(x));
      return m ? { lang: m[1], term: m[2] } : null;
    }).filter(Boolean);
    var links = (Array.isArray(why.links) ? why.links : []).filter(function (l) { return l && isItemId(l.item); });
    if (!words.length && !concepts.length && !links.length) return null;
    var WORDS = 12, CONCEPTS = 6;
    return h('div', { class: 'why' },
      h('p', { class: 'why-title' }, t('compare.why')),
      words.length ? h('p', { class: 'why-words' }, h('span', { class: 'label' }, t('compare.why_words')), ' ',
        words.slice(0, WORDS).map(function (w, i) { return [i ? ', ' : '', h('span', { class: 'why-word' }, w)]; }),
        words.length > WORDS ? ' +' + fmtNum(words.length - WORDS) : null) : null,
      concepts.length ? h('p', { class: 'why-concepts' }, h('span', { class: 'label' }, t('compare.why_concepts')), ' ',
        concepts.slice(0, CONCEPTS).map(function (x, i) {
          return [i ? ', ' : '', h('span', { class: 'concept' }, h('span', { lang: x.lang }, x.term), ' ',
            h('span', { class: 'concept-lang' }, '(' + languageName(x.lang) + ')'))];
        }),
        concepts.length > CONCEPTS ? ' +' + fmtNum(concepts.length - CONCEPTS) : null) : null,
      links.length ? h('p', { class: 'why-links' }, h('span', { class: 'label' }, t('compare.why_links')), ' ',
        links.map(function (l) {
          return h('a', { class: 'chip', href: workplanHref(l.item), title: l.method ? methodName(l.method) : null }, itemName(l.item));
        })) : null);
  }

  // ---------------------------------------------------------------- coverage view
  //   ./?view=coverage&type=law&pillar=protection
  // How many passages of each jurisdiction are linked to each Work Plan item, as a table.

  var COVERAGE_TYPES = ['law', 'treaty', 'model-law', 'resolution', 'report', 'work-plan', 'conclusions', 'activities', 'other'];
  var COVERAGE_FILTERS = ['jurisdiction', 'country', 'language', 'year', 'org'];

  function coverageState() {
    var p = new URLSearchParams(location.search);
    var type = (p.get('type') || '').trim();
    var pillar = (p.get('pillar') || '').trim();
    var c = { type: type === 'all' ? '' : type, pillar: pillar === 'all' ? '' : pillar, filters: [] };
    COVERAGE_FILTERS.forEach(function (f) {
      p.getAll(f).forEach(function (v) { if (v.trim()) c.filters.push([f, v.trim()]); });
    });
    return c;
  }

  function coverageHref(c) {
    var p = new URLSearchParams();
    p.set('view', 'coverage');
    if (c && c.type) p.set('type', c.type);
    if (c && c.pillar) p.set('pillar', c.pillar);
    ((c && c.filters) || []).forEach(function (kv) { p.append(kv[0], kv[1]); });
    return hrefFrom(withLang(p));
  }

  function coverageParams(c) {
    var p = new URLSearchParams();
    if (c.type) p.set('type', c.type);
    c.filters.forEach(function (kv) { p.append(kv[0], kv[1]); });
    if (c.pillar) p.set('pillar', c.pillar);
    return p;
  }

  /** A cell's `search` (an API path) as this page's search: the same filters, one hit per passage. */
  function coverageSearchHref(path) {
    var u;
    try { u = new URL(path, location.origin); } catch (e) { return null; }
    var ns = { q: (u.searchParams.get('q') || '').trim(), filters: {}, page: 1, sort: 'relevance', group: 'passage' };
    FILTERS.forEach(function (f) {
      var vals = u.searchParams.getAll(f).filter(Boolean);
      if (vals.length) ns.filters[f] = vals;
    });
    return searchHref(ns);
  }

  function renderCoverage(s, seq, focusHeading) {
    var view = $('#view');
    var c = coverageState();
    view.setAttribute('aria-busy', 'true');
    // The Work Plan's texts name the columns (tooltips); the table does without them.
    var texts = loadWorkplan().catch(function () { return []; });
    return Promise.all([api('coverage', coverageParams(c)), texts]).then(function (r) {
      if (seq !== renderSeq) return;
      view.removeAttribute('aria-busy');
      clear(view);
      buildCoverage(view, c, r[0], r[1] || [], focusHeading);
    }, function (err) {
      if (seq !== renderSeq) return;
      view.removeAttribute('aria-busy');
      clear(view);
      setTitle(t('coverage.title'));
      append(view, [h('h1', null, t('coverage.title')), coverageControls(c, null), errorBox(err)]);
    });
  }

  function coverageControls(c, csv) {
    function select(name, values, current, label) {
      var id = 'cov-' + name;
      var sel = h('select', { id: id, name: name, 'data-focus-key': id },
        values.map(function (v) { return h('option', { value: v, selected: v === (current || 'all') }, label(v)); }));
      sel.addEventListener('change', function () {
        var nc = { type: c.type, pillar: c.pillar, filters: c.filters };
        nc[name] = sel.value === 'all' ? '' : sel.value;
        navigate(coverageHref(nc), { keepFocus: true });
      });
      return h('div', { class: 'control' }, h('label', { for: id }, t('coverage.' + name)), sel);
    }
    var types = ['all'].concat(COVERAGE_TYPES);
    if (c.type && types.indexOf(c.type) < 0) types.push(c.type);
    var pillars = ['all'].concat(PILLARS);
    if (c.pillar && pillars.indexOf(c.pillar) < 0) pillars.push(c.pillar);
    return h('div', { class: 'controls coverage-controls' },
      select('type', types, c.type, function (v) { return v === 'all' ? t('coverage.type_all') : typeName(v); }),
      select('pillar', pillars, c.pillar, function (v) { return v === 'all' ? t('coverage.pillar_all') : pillarName(v); }),
      csv ? h('a', { class: 'button coverage-csv', href: csv, download: 'atip-coverage.csv', 'data-format': 'csv' }, t('coverage.csv')) : null);
  }

  function itemShort(id) {
    var m = /^(activity|mandate):(\d+)$/.exec(id || '');
    return m ? t(m[1] === 'activity' ? 'coverage.short_activity' : 'coverage.short_mandate', { n: Number(m[2]) }) : id;
  }

  function buildCoverage(view, c, res, workplan, focusHeading) {
    setTitle(t('coverage.title'));
    var items = (Array.isArray(res.items) ? res.items : []).filter(function (x) { return x && isItemId(x.id); });
    var jurisdictions = (Array.isArray(res.jurisdictions) ? res.jurisdictions : []).filter(Boolean);
    var cells = (Array.isArray(res.cells) ? res.cells : []).filter(function (x) { return x && x.jurisdiction && isItemId(x.item); });
    var byKey = {};
    cells.forEach(function (x) { byKey[x.jurisdiction + ' ' + x.item] = x; });
    var textOf = {};
    workplan.forEach(function (x) { textOf[x.id] = x.text || x.heading || ''; });

    // Shading by quartile of the non-empty cells' counts (the number is always there as text).
    var counts = cells.map(function (x) { return x.passages || 0; }).sort(function (a, b) { return a - b; });
    var cuts = [0.25, 0.5, 0.75].map(function (q) { return counts.length ? counts[Math.floor(q * (counts.length - 1))] : 0; });
    function level(n) { var l = 1; cuts.forEach(function (cut) { if (n > cut) l++; }); return Math.min(l, 4); }

    var csvParams = coverageParams(c);
    csvParams.set('format', 'csv');
    var csv = API + 'coverage?' + csvParams.toString();
    var filterText = [c.type ? typeName(c.type) : t('coverage.type_all'), c.pillar ? pillarName(c.pillar) : t('coverage.pillar_all')]
      .concat(c.filters.map(function (kv) { return t('facets.' + kv[0]) + ': ' + facetValueName(kv[0], kv[1]); })).join(' · ');

    var table = null;
    if (cells.length) {
      table = h('table', { class: 'coverage-table' },
        h('caption', { id: 'coverage-caption' }, h('span', null, t('coverage.caption', { filters: filterText }))),
        h('thead', null, h('tr', null,
          h('th', { scope: 'col', class: 'corner' }, t('coverage.jurisdiction')),
          items.map(function (it) {
            var tip = shorten(textOf[it.id] || it.heading || '', 300);
            return h('th', { scope: 'col', class: 'item-col pillar-' + String(it.pillar || '').replace(/[^a-z-]/g, ''), 'data-item': it.id },
              h('a', { href: workplanHref(it.id), title: itemName(it.id) + (tip ? ': ' + tip : '') },
                h('span', { 'aria-hidden': 'true' }, itemShort(it.id)),
                h('span', { class: 'visually-hidden' }, itemName(it.id))));
          }))),
        h('tbody', null, jurisdictions.map(function (j) {
          return h('tr', { 'data-jurisdiction': j },
            h('th', { scope: 'row' }, countryName(j)),
            items.map(function (it) {
              var x = byKey[j + ' ' + it.id];
              if (!x || !x.passages) return h('td', { class: 'cov-empty' });
              var href = coverageSearchHref(x.search);
              var tip = t('coverage.cell', { passages: t('counts.passages', { count: x.passages }), documents: t('counts.documents', { count: x.documents || 0 }) });
              return h('td', { class: 'cov cov-' + level(x.passages), 'data-item': it.id, 'data-passages': x.passages },
                href ? h('a', { href: href, title: tip }, fmtNum(x.passages)) : fmtNum(x.passages));
            }));
        })));
    }

    append(view, [
      h('h1', { id: 'coverage-title' }, t('coverage.title')),
      h('p', { class: 'lead' }, t('coverage.lead')),
      coverageControls(c, csv),
      table ? h('section', { class: 'coverage-scroll', tabindex: '0', 'aria-labelledby': 'coverage-caption' }, table)
        : h('div', { class: 'notice' }, h('p', null, t('coverage.empty'))),
      table ? h('p', { class: 'coverage-legend small' }, t('coverage.legend'), ' ',
        [1, 2, 3, 4].map(function (l) { return h('span', { class: 'swatch cov-' + l, 'aria-hidden': 'true' }); })) : null
    ]);
    if (!focusHeading) {
      announce(t('coverage.title') + '. ' + t('coverage.summary', {
        jurisdictions: t('compare.jurisdictions', { count: jurisdictions.length }), cells: cells.length }));
    }
  }

  // ---------------------------------------------------------------- why a passage is linked

  /**
   * "Why: concepts [best practice] · shared words: best, includ": what made a link (its `basis`).
   * `concept:x` strings are thesaurus concepts (shown as chips); the others are the words or
   * stems it shares with the item, the words it quotes, or the reference as written.
   */
  function basisLine(e) {
    var basis = Array.isArray(e.basis) ? e.basis.filter(function (b) { return typeof b === 'string' && b.trim(); }) : [];
    if (!basis.length) return null;
    var concepts = [];
    var words = [];
    basis.forEach(function (b) {
      if (b.indexOf('concept:') === 0) {
        var c = b.slice(8).replace(/[-_]+/g, ' ').trim();
        if (c && concepts.indexOf(c) < 0) concepts.push(c);
      } else if (words.indexOf(b) < 0) words.push(b);
    });
    var wordsKey = e.method === 'explicit' ? 'review.why_reference' : e.method === 'quotation' ? 'review.why_quoted' : 'review.why_words';
    return h('p', { class: 'link-why' },
      h('span', { class: 'link-why-label' }, t('review.why')),
      concepts.length ? h('span', { class: 'link-why-concepts' }, t('review.why_concepts') + ' ',
        concepts.map(function (c) { return h('span', { class: 'chip chip-concept', lang: 'en' }, c); })) : null,
      words.length ? h('span', { class: 'link-why-words' }, t(wordsKey) + ' ', h('span', { class: 'link-why-terms' }, words.join(', '))) : null);
  }

  // ---------------------------------------------------------------- staff review (evidence page)

  // A staff member's bearer token, for this tab only: sessionStorage (never the URL, never
  // localStorage); in memory when the browser keeps no sessionStorage.
  var TOKEN_KEY = 'atip.staffToken';
  var memToken = '';
  function staffToken() {
    try { return sessionStorage.getItem(TOKEN_KEY) || ''; } catch (e) { return memToken; }
  }
  function setStaffToken(v) {
    memToken = v || '';
    try {
      if (v) sessionStorage.setItem(TOKEN_KEY, v); else sessionStorage.removeItem(TOKEN_KEY);
    } catch (e) { /* kept in memory */ }
  }

  /** PUT /api/v1/documents/{id}/passages/{n}/links/{item} {"status": ...} with the token. */
  function putReview(docId, n, item, status, token) {
    var url = API + 'documents/' + encodeURIComponent(docId) + '/passages/' + encodeURIComponent(String(n)) + '/links/' + item;
    return fetch(url, {
      method: 'PUT',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', Authorization: 'Bearer ' + token },
      body: JSON.stringify({ status: status })
    }).then(function (r) {
      return r.text().then(function (body) {
        var json = null;
        try { json = body ? JSON.parse(body) : null; } catch (e) { json = null; }
        if (!r.ok) {
          var err = json && json.error ? json.error : {};
          throw new ApiError(r.status, err.code || 'http_' + r.status, err.message || '');
        }
        return json || {};
      });
    }, function () { throw new ApiError(0, 'network', ''); });
  }

  function reviewError(err) {
    var status = err && typeof err.status === 'number' ? err.status : 0;
    if (status === 401 || status === 403) return t('review.refused_row');
    if (status === 503 || (err && err.code === 'unavailable')) return t('review.no_archive');
    if (status === 404) return t('review.not_found');
    if (status === 429) return t('review.rate_limited');
    if (!status || (err && err.code === 'network')) return t('review.network');
    return t('review.failed', { status: String(status) });
  }

  /**
   * The staff sign-in of an item's evidence page and the Confirm / Reject buttons of its rows.
   * panel: the sign-in form (or "signed in" and Sign out); row(doc, e, li) adds a row's controls
   * and message; start() shows the buttons when a token is kept for this tab.
   */
  function staffReview(itemId) {
    var rows = [];
    var panel = h('section', { class: 'staff', 'aria-labelledby': 'staff-title' });

    function renderPanel(opts) {
      opts = opts || {};
      clear(panel);
      panel.appendChild(h('h2', { id: 'staff-title', class: 'visually-hidden' }, t('review.title')));
      if (staffToken()) {
        var out = h('button', { type: 'button', class: 'button staff-signout' }, t('review.sign_out'));
        out.addEventListener('click', signOut);
        panel.classList.add('signed-in');
        panel.appendChild(h('div', { class: 'staff-bar' },
          h('p', { id: 'staff-status', class: 'staff-status', tabindex: '-1' }, t('review.signed_in')), out));
        return;
      }
      panel.classList.remove('signed-in');
      var error = opts.error ? h('p', { id: 'staff-error', class: 'staff-error', role: 'alert' }, opts.error) : null;
      var input = h('input', {
        id: 'staff-token', type: 'password', autocomplete: 'off', spellcheck: 'false', autocapitalize: 'off',
        'aria-describedby': error ? 'staff-error' : 'staff-intro', 'aria-invalid': error ? 'true' : null
      });
      // No name attribute and no action: the token can never be sent as a form field or in a URL.
      var form = h('form', { class: 'staff-form', novalidate: true },
        h('p', { id: 'staff-intro', class: 'small' }, t('review.intro')),
        error,
        h('label', { for: 'staff-token' }, t('review.token')),
        h('div', { class: 'staff-row' }, input, h('button', { type: 'submit', class: 'button button-primary' }, t('review.sign_in_button'))));
      form.addEventListener('submit', function (ev) {
        ev.preventDefault();
        var v = input.value.trim();
        input.value = '';
        if (!v) { renderPanel({ error: t('review.token_required'), open: true, focus: true }); return; }
        setStaffToken(v);
        renderPanel();
        renderRows(true);
        var st = $('#staff-status');
        if (st) st.focus();
      });
      var details = h('details', { class: 'staff-signin', open: opts.open ? true : null },
        h('summary', null, t('review.sign_in')), form);
      panel.appendChild(details);
      if (opts.focus) input.focus();
    }

    function signOut() {
      setStaffToken('');
      renderPanel();
      renderRows(true);
      var summary = $('summary', panel);
      if (summary) summary.focus();
      announce(t('review.signed_out'));
    }

    /** The token was refused (401/403): forget it and ask again. */
    function refused() {
      setStaffToken('');
      renderPanel({ error: t('review.refused'), open: true, focus: true });
      renderRows(false);
    }

    function setMessage(row, text, isError) {
      row.msg.textContent = text || '';
      row.msg.hidden = !text;
      row.msg.classList.toggle('review-error', !!isError);
    }

    function setStatus(row, status) {
      row.status = status;
      row.li.setAttribute('data-status', status);
      row.confirm.setAttribute('aria-pressed', status === 'confirmed' ? 'true' : 'false');
      row.reject.setAttribute('aria-pressed', status === 'rejected' ? 'true' : 'false');
      row.state.textContent = t('review.state', { status: statusName(status) });
      // The status in the row's line (shown to every reader when it is not "auto").
      var where = $('.where', row.li);
      var span = where ? $('.status', where) : null;
      if (status === 'auto') { if (span) span.parentNode.removeChild(span); }
      else if (span) span.textContent = statusName(status);
      else if (where) where.appendChild(h('span', { class: 'status' }, statusName(status)));
    }

    function review(row, wanted) {
      if (row.busy) return;
      var token = staffToken();
      if (!token) { renderPanel({ error: t('review.token_required'), open: true, focus: true }); renderRows(false); return; }
      // A pressed button pressed again undoes the review.
      var status = row.status === wanted ? 'auto' : wanted;
      var controls = row.controls;
      row.busy = true;
      controls.setAttribute('aria-busy', 'true');
      setMessage(row, t('review.saving'), false);
      putReview(row.doc.id, row.n, itemId, status, token).then(function (p) {
        var link = Array.isArray(p.links) ? p.links.filter(function (l) { return l && l.item === itemId; })[0] : null;
        var got = link && typeof link.status === 'string' ? link.status : status;
        setStatus(row, got);
        setMessage(row, '', false);
        announce(t('review.announce_' + (['confirmed', 'rejected'].indexOf(got) >= 0 ? got : 'auto'),
          { n: row.n, title: shorten(row.doc.title || row.doc.id, 80) }));
      }, function (err) {
        var text = reviewError(err);
        setMessage(row, text, true);
        if (err && (err.status === 401 || err.status === 403)) refused();
        else announce(text);
      }).then(function () {
        row.busy = false;
        controls.removeAttribute('aria-busy');
      });
    }

    function controlsOf(row) {
      var confirm = h('button', { type: 'button', class: 'button review-confirm', 'aria-pressed': 'false' }, t('review.confirm'));
      var reject = h('button', { type: 'button', class: 'button review-reject', 'aria-pressed': 'false' }, t('review.reject'));
      confirm.addEventListener('click', function () { review(row, 'confirmed'); });
      reject.addEventListener('click', function () { review(row, 'rejected'); });
      row.confirm = confirm;
      row.reject = reject;
      row.state = h('span', { class: 'review-state' });
      row.controls = h('div', { class: 'review', role: 'group',
        'aria-label': t('review.group', { n: row.n, title: shorten(row.doc.title || row.doc.id, 80) }) }, confirm, reject, row.state);
      setStatus(row, row.status);
      return row.controls;
    }

    function renderRows(clearMessages) {
      var signedIn = !!staffToken();
      rows.forEach(function (row) {
        if (row.controls && row.controls.parentNode) row.controls.parentNode.removeChild(row.controls);
        row.controls = null;
        if (clearMessages) setMessage(row, '', false);
        if (signedIn) row.slot.insertBefore(controlsOf(row), row.msg);
      });
    }

    renderPanel();
    return {
      panel: panel,
      row: function (doc, e, li) {
        var n = e && e.passage && typeof e.passage.n === 'number' ? e.passage.n : null;
        if (n == null) return li;
        var row = { doc: doc, n: n, li: li, status: e.status || 'auto', busy: false, controls: null };
        row.msg = h('p', { class: 'review-msg', hidden: true });
        row.slot = h('div', { class: 'review-slot' }, row.msg);
        li.appendChild(row.slot);
        rows.push(row);
        return li;
      },
      start: function () { renderRows(false); }
    };
  }

  // ---------------------------------------------------------------- ways in (home page): by country, by pillar

  var browseCache = null;
  /** The jurisdictions of the index (facet of a search for everything) and the Work Plan items. */
  function loadBrowse() {
    if (browseCache) return Promise.resolve(browseCache);
    return Promise.all([
      api('search', new URLSearchParams({ size: '1' })).then(function (j) {
        return j && j.facets && Array.isArray(j.facets.jurisdiction) ? j.facets.jurisdiction : [];
      }, function () { return null; }),
      loadWorkplan().catch(function () { return null; })
    ]).then(function (r) {
      var data = { jurisdictions: r[0] || [], items: r[1] || [] };
      if (r[0] && r[1]) browseCache = data;
      return data;
    });
  }

  function browseSections(data) {
    var juris = (data.jurisdictions || []).filter(function (x) { return x && /^([A-Z]{2}|INT)$/.test(String(x.value)); });
    var name = function (v) { return v === 'INT' ? t('browse.international') : countryName(v); };
    juris.sort(function (a, b) {
      if (a.value === 'INT' || b.value === 'INT') return a.value === 'INT' ? -1 : 1;
      return name(a.value).localeCompare(name(b.value), uiLang);
    });
    var countries = juris.length ? h('section', { class: 'browse browse-countries', 'aria-labelledby': 'browse-countries' },
      h('h2', { id: 'browse-countries' }, t('browse.countries_title')),
      h('p', { class: 'small' }, t('browse.countries_lead')),
      h('ul', { class: 'browse-list' }, juris.map(function (x) {
        var v = String(x.value);
        return h('li', null,
          h('a', { href: searchHref({ q: '', filters: { jurisdiction: [v] }, page: 1, sort: '-date', group: 'document' }), 'data-jurisdiction': v }, name(v)),
          ' ', h('span', { class: 'count' }, t('counts.documents', { count: x.count || 0 })));
      }))) : null;

    var items = data.items || [];
    var pillars = items.length ? h('section', { class: 'browse browse-pillars', 'aria-labelledby': 'browse-pillars' },
      h('h2', { id: 'browse-pillars' }, t('browse.pillars_title')),
      h('p', { class: 'small' }, t('browse.pillars_lead')),
      h('ul', { class: 'browse-pillar-list' }, PILLARS.map(function (pillar) {
        var mine = items.filter(function (x) { return x.pillar === pillar; });
        if (!mine.length) return null;
        var withEvidence = mine.filter(function (x) { return x.passages > 0; });
        var top = withEvidence.slice().sort(function (a, b) { return (b.passages - a.passages) || compareItems(a.id, b.id); }).slice(0, 3);
        return h('li', { class: 'browse-pillar', 'data-pillar': pillar },
          h('a', { class: 'browse-pillar-link', href: workplanHref() + '#pillar-' + pillar }, pillarName(pillar)),
          h('p', { class: 'small browse-pillar-counts' },
            t('browse.items', { count: mine.length }), ' · ', t('browse.with_evidence', { count: withEvidence.length })),
          top.length ? h('ul', { class: 'browse-items' }, top.map(function (it) {
            return h('li', null, h('a', { href: workplanHref(it.id), 'data-item': it.id, title: it.text ? shorten(it.text, 200) : null }, itemName(it.id)), ' ',
              h('span', { class: 'small' }, t('counts.passages', { count: it.passages })));
          })) : null);
      }))) : null;
    if (!countries && !pillars) return null;
    return h('div', { class: 'browse-grid' }, countries, pillars);
  }

  /** Below the cards; filled at once when the data is there (asked for at start-up), else when it comes. */
  function browseSlot() {
    var slot = h('div', { class: 'browse-slot' });
    if (browseCache) append(slot, browseSections(browseCache));
    else loadBrowse().then(function (d) { if (slot.isConnected) slot.insertBefore(browseSections(d) || document.createTextNode(''), slot.firstChild); }, function () { /* optional */ });
    // For other websites: the search box to embed (embed-demo.html documents it).
    slot.appendChild(h('p', { class: 'embed-way' }, h('a', {
      href: ROOT + 'embed-demo.html' + (current && current.langExplicit ? '?lang=' + current.lang : '') }, t('embed.home_link'))));
    return slot;
  }

  /** ?view=workplan#pillar-protection (a way in from the home page): that pillar, its heading focused. */
  function showPillarFromHash() {
    var m = /^#pillar-([a-z-]+)$/.exec(location.hash);
    if (!m || PILLARS.indexOf(m[1]) < 0) return;
    // Back/Forward restore their own scroll position.
    if (history.state && typeof history.state.scrollY === 'number') return;
    setTimeout(function () {
      var sec = document.getElementById('pillar-' + m[1]);
      var head = sec ? $('h2', sec) : null;
      if (!head) return;
      head.setAttribute('tabindex', '-1');
      head.focus({ preventScroll: true });
      sec.scrollIntoView({ block: 'start' });
    }, 0);
  }

  // ---------------------------------------------------------------- start

  // The facet panel is open on wide screens, folded on phones.
  if (window.matchMedia) {
    var mq = window.matchMedia('(min-width: 52em)');
    var onMq = function () {
      var d = $('#facet-panel');
      if (d) d.open = mq.matches;
      var o = $('#outline-panel');
      if (o) o.open = mq.matches;
    };
    if (mq.addEventListener) mq.addEventListener('change', onMq);
  }

  // Work Plan texts for tooltips on the `link` facet (not needed to render).
  function warmWorkplan() { loadWorkplan().catch(function () { /* optional */ }); }

  function start() {
    var s0 = readState();
    if (s0.view === 'search' && !s0.q && !hasFilters(s0)) {
      var fh = firstHealth = { value: null, pending: null };
      // The counts and the ways in (countries, pillars) are asked for at once: the first home page waits for them.
      fh.pending = Promise.all([
        api('health').then(function (j) { fh.value = j; }, function () { /* stats are optional */ }),
        loadBrowse().catch(function () { /* the ways in are optional */ })
      ]).then(function () { fh.pending = null; });
    }
    render().then(function () { setTimeout(warmWorkplan, 500); });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
