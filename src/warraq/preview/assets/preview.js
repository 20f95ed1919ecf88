/* warraq preview: the proofing layer and live reload.
 *
 * The page carries every finding of the build as JSON (#warraq-proof) and
 * every block its source as data-src="file:line".  This script puts each
 * finding's mark on its block, lets the reader switch marks off by kind,
 * jump from the panel to the place, copy a block's file:line, and — when
 * served by `warraq preview` — follows the server's build events, swapping
 * in the rebuilt page where the reader was.
 *
 * The interface speaks the book's language (#warraq-ui: the page's words in
 * each language warraq speaks) unless the reader switched (remembered in
 * localStorage); each finding carries its message in every language.
 */
(function () {
  "use strict";

  var store = window.sessionStorage;
  var state = {
    hidden: new Set(JSON.parse(store.getItem("warraq-hidden") || "[]")),
    tab: store.getItem("warraq-tab") || "book",
    panel: store.getItem("warraq-panel") !== "closed",
    live: false,
    version: "",
    latest: "",
    error: null,
    print: null,
    lang: "",
    status: null
  };
  var ui = null; // #warraq-ui: {lang, langs, words, kinds, levels, plurals}
  var proof = null;
  var sources = []; // [{el, file, line, end}]
  var findingEls = new Map(); // finding index -> element

  // ------------------------------------------------------------ helpers

  // file:12, file:12-14, or a Word part's paragraphs file:¶3, file:¶3-5
  function parseSrc(s) {
    var m = /^(.*):(\u00b6?)(\d+)(?:-(\d+))?$/.exec(s || "");
    if (!m) return null;
    return { file: m[1], unit: m[2], line: +m[3], end: m[4] ? +m[4] : +m[3] };
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function indexSources() {
    sources = [];
    document.querySelectorAll("[data-src]").forEach(function (node) {
      var p = parseSrc(node.getAttribute("data-src"));
      if (p) { p.el = node; sources.push(p); }
    });
  }

  // the most specific element whose source lines hold file:line
  function elementAt(file, line) {
    var best = null;
    sources.forEach(function (s) {
      if (s.file !== file || line < s.line || line > s.end) return;
      if (!best) { best = s; return; }
      var span = s.end - s.line, bestSpan = best.end - best.line;
      if (span < bestSpan || (span === bestSpan && best.el.contains(s.el))) best = s;
    });
    return best ? best.el : null;
  }

  function exactSource(src) {
    var found = null;
    sources.forEach(function (s) {
      if (!found && s.el.getAttribute("data-src") === src && !s.el.closest("details.removed")) found = s.el;
    });
    return found;
  }

  var ids = 0;
  function ensureId(node) {
    if (!node.id) node.id = "src-" + (++ids);
    return node.id;
  }

  function addKind(node, kind) {
    var kinds = (node.getAttribute("data-proof-kinds") || "").split(" ").filter(Boolean);
    if (kinds.indexOf(kind) < 0) kinds.push(kind);
    node.setAttribute("data-proof-kinds", kinds.join(" "));
    if (!node.hasAttribute("data-proof-kind")) node.setAttribute("data-proof-kind", kind);
  }

  // ------------------------------------------------------------ language

  function savedLang() {
    try { return window.localStorage.getItem("warraq-lang"); } catch (e) { return null; }
  }

  function loadUi() {
    var node = document.getElementById("warraq-ui");
    ui = node ? JSON.parse(node.textContent) : null;
    if (!ui) return;
    var saved = savedLang();
    state.lang = ui.langs.indexOf(saved) >= 0 ? saved : ui.lang;
  }

  // a word of the page in the reader's language, its {name}s filled in
  function t(key, params) {
    var words = (ui && ui.words[state.lang]) || {};
    var text = words[key] !== undefined ? words[key] : key;
    return text.replace(/\{(\w+)\}/g, function (m, name) {
      return params && params[name] !== undefined ? String(params[name]) : m;
    });
  }

  // gettext's plural rules: Arabic's six forms, English's two
  function pluralIndex(lang, n) {
    if (lang === "ar") {
      var r = n % 100;
      return n === 0 ? 0 : n === 1 ? 1 : n === 2 ? 2 : r >= 3 && r <= 10 ? 3 : r >= 11 ? 4 : 5;
    }
    return n === 1 ? 0 : 1;
  }

  function tn(key, n) {
    var forms = ((ui && ui.plurals[state.lang]) || {})[key];
    if (!forms) return String(n);
    return forms[Math.min(pluralIndex(state.lang, n), forms.length - 1)].replace("{n}", digits(n));
  }

  function digits(n) {
    return state.lang === "ar" ? arabicDigits(n) : String(n);
  }

  function messageOf(f) {
    return (f.messages && f.messages[state.lang]) || f.message;
  }

  // an element whose text (or title) is a word of the page: redrawn on a switch
  function i18n(node, key, params, attr) {
    node.setAttribute(attr === "title" ? "data-i18n-title" : "data-i18n", key);
    if (params) node.setAttribute("data-i18n-params", JSON.stringify(params));
    if (attr === "title") node.title = t(key, params);
    else node.textContent = t(key, params);
    return node;
  }

  function paramsOf(node) {
    var raw = node.getAttribute("data-i18n-params");
    return raw ? JSON.parse(raw) : null;
  }

  function applyLang() {
    if (!ui) return;
    var lang = state.lang, dir = lang === "ar" ? "rtl" : "ltr";
    document.querySelectorAll(".proof-ui").forEach(function (n) {
      n.setAttribute("lang", lang);
      n.setAttribute("dir", dir);
    });
    document.querySelectorAll("[data-i18n]").forEach(function (n) {
      n.textContent = t(n.getAttribute("data-i18n"), paramsOf(n));
    });
    document.querySelectorAll("[data-status-key]").forEach(function (n) {
      var params = paramsOf(n) || {};
      params.status = t(n.getAttribute("data-status-key"));
      n.setAttribute("data-i18n-params", JSON.stringify(params));
    });
    document.querySelectorAll("[data-i18n-title]").forEach(function (n) {
      n.title = t(n.getAttribute("data-i18n-title"), paramsOf(n));
    });
    document.querySelectorAll("[data-i18n-label]").forEach(function (n) {
      n.setAttribute("aria-label", t(n.getAttribute("data-i18n-label")));
    });
    document.querySelectorAll("[data-kind-label]").forEach(function (n) {
      var label = ui.kinds[lang][n.getAttribute("data-kind-label")];
      if (label) n.textContent = label;
    });
    document.querySelectorAll("[data-level-label]").forEach(function (n) {
      var label = ui.levels[lang][n.getAttribute("data-level-label")];
      if (label) n.textContent = label;
    });
    // counts: as the book writes its numbers in the book's language, else the reader's way
    document.querySelectorAll(".proof-ui .count[data-n]").forEach(function (n) {
      if (!n.hasAttribute("data-shown")) n.setAttribute("data-shown", n.textContent);
      n.textContent = lang === ui.lang ? n.getAttribute("data-shown") : digits(+n.getAttribute("data-n"));
    });
    document.querySelectorAll(".removed-label[data-blocks]").forEach(function (n) {
      var count = +n.getAttribute("data-blocks");
      n.textContent = t("removed") + (count > 1 ? " " + tn("blocks", count) : "");
    });
    if (proof) {
      document.querySelectorAll("#proof-panel li.finding").forEach(function (li) {
        var f = proof.findings[+li.getAttribute("data-index")], m = li.querySelector(".message");
        if (f && m) m.textContent = messageOf(f);
      });
      document.querySelectorAll(".flag[data-index]").forEach(function (n) {
        var f = proof.findings[+n.getAttribute("data-index")];
        if (f) n.title = f.kind + " · " + messageOf(f);
      });
      document.querySelectorAll("mark[data-index]").forEach(function (n) {
        var f = proof.findings[+n.getAttribute("data-index")];
        if (f) n.title = messageOf(f);
      });
      document.querySelectorAll(".word-diff .legend[data-index]").forEach(function (n) {
        var f = proof.findings[+n.getAttribute("data-index")];
        if (f) n.textContent = f.rule + ": " + messageOf(f);
      });
    }
    var other = ui.langs.filter(function (l) { return l !== lang; })[0];
    document.querySelectorAll(".lang-switch").forEach(function (b) {
      b.textContent = ui.words[other]["lang-name"];
      b.setAttribute("lang", other);
      b.setAttribute("data-lang", other);
      b.title = t("switch-title");
      b.hidden = false;
    });
    if (state.print) renderPrint(state.print);
    if (state.status) setBuildState(state.status);
    showError(state.error);
  }

  function setLang(lang) {
    state.lang = lang;
    try { window.localStorage.setItem("warraq-lang", lang); } catch (e) { /* a private window: for this page only */ }
    applyLang();
  }

  function wireLang() {
    document.querySelectorAll(".lang-switch").forEach(function (b) {
      b.addEventListener("click", function () { setLang(b.getAttribute("data-lang")); });
    });
  }

  // ------------------------------------------------------------ marks

  function flagFor(f, index) {
    var flag = el("span", "flag proof-mark level-" + f.level, f.rule);
    flag.setAttribute("data-proof-kind", f.kind);
    flag.setAttribute("data-index", String(index));
    flag.setAttribute("role", "button");
    flag.setAttribute("tabindex", "0");
    flag.title = f.kind + " · " + messageOf(f);
    flag.addEventListener("click", function (ev) { ev.stopPropagation(); showInPanel(index); });
    return flag;
  }

  function diffBox(ops, legend) {
    var box = el("div", "word-diff proof-mark");
    if (legend) box.appendChild(el("div", "legend", legend));
    var p = el("p");
    ops.forEach(function (op, i) {
      var kind = op[0], words = op[1];
      var node = kind === "-" ? el("del", "", words) : kind === "+" ? el("ins", "", words) : document.createTextNode(words);
      if (i) p.appendChild(document.createTextNode(" "));
      p.appendChild(node);
    });
    box.appendChild(p);
    return box;
  }

  // dedup's own diff format: [{op, kept, removed}]
  function changeOps(changes) {
    var ops = [];
    changes.forEach(function (c) {
      if (c.kept) ops.push(["-", c.kept]);
      if (c.removed) ops.push(["+", c.removed]);
    });
    return ops;
  }

  // wrap the n-th occurrence of `text` inside `node` in <mark>
  function highlight(node, text, occurrence, cls) {
    if (!text) return null;
    var walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT, {
      acceptNode: function (t) {
        return t.parentNode.closest(".flag, .word-diff") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var seen = 0, t;
    while ((t = walker.nextNode())) {
      var from = 0, at;
      while ((at = t.data.indexOf(text, from)) >= 0) {
        if (seen === occurrence) {
          var range = document.createRange();
          range.setStart(t, at);
          range.setEnd(t, at + text.length);
          var mark = el("mark", cls);
          range.surroundContents(mark);
          return mark;
        }
        seen++;
        from = at + 1;
      }
    }
    return null;
  }

  function markFindings() {
    findingEls = new Map();
    var groupIds = {};
    document.querySelectorAll("details.removed-group").forEach(function (g) { groupIds[g.getAttribute("data-finding")] = g.id; });
    proof.findings.forEach(function (f, index) {
      if (!f.file) return;
      var group = f.data && f.data.id ? document.getElementById(groupIds[f.data.id] || "") : null;
      var target = group || elementAt(f.file, f.line);
      if (!target) return;
      findingEls.set(index, target);
      target.classList.add("flagged");
      addKind(target, f.kind);
      var host = target.tagName === "DETAILS" ? target.querySelector("summary") : target;
      var badges = host.querySelector(":scope > .flags");
      if (!badges) {
        badges = el("span", "flags");
        host.insertBefore(badges, host.firstChild);
      }
      badges.appendChild(flagFor(f, index));
      // a typography finding (lint) or a change the book's typography made
      // (the text as the book shows it): mark the very characters
      if ((f.kind === "lint" || f.kind === "typography") && f.data && f.data.match) {
        var mark = highlight(target, f.data.match, f.data.occurrence || 0, f.kind + "-mark proof-mark");
        if (mark) {
          mark.setAttribute("data-proof-kind", f.kind);
          mark.setAttribute("data-index", String(index));
          mark.title = messageOf(f);
        }
      }
      // a misquotation's or a near repeat's word diff (a tombstone shows its own)
      var ops = f.word_diff || (f.data && Array.isArray(f.data.diff) ? changeOps(f.data.diff) : null);
      if (ops && ops.length && !target.closest("details.removed")) {
        var box = diffBox(ops, f.rule + ": " + messageOf(f));
        box.setAttribute("data-proof-kind", f.kind);
        box.querySelector(".legend").setAttribute("data-index", String(index));
        target.insertAdjacentElement("afterend", box);
      }
    });
  }

  // Consecutive tombstones of one finding (a re-pasted run) become one
  // collapsed group where they stood: "removed, N blocks — kept copy at …",
  // opening onto the removed blocks struck through.
  function groupRemoved() {
    var byId = {};
    proof.findings.forEach(function (f) { if (f.data && f.data.id) byId[f.data.id] = f; });
    var groups = [];
    document.querySelectorAll("details.removed").forEach(function (d) {
      var last = groups[groups.length - 1];
      var prev = d.previousElementSibling;
      if (last && prev === last.items[last.items.length - 1] && d.getAttribute("data-finding") === last.id) {
        last.items.push(d);
      } else {
        groups.push({ id: d.getAttribute("data-finding"), items: [d] });
      }
    });
    groups.forEach(function (g) {
      var first = g.items[0], lastItem = g.items[g.items.length - 1];
      var group = document.createElement("details");
      group.className = "removed removed-group proof-mark";
      group.id = first.id;
      group.setAttribute("data-finding", g.id);
      group.setAttribute("data-proof-kind", "dedup");
      var a = parseSrc(first.getAttribute("data-src")), b = parseSrc(lastItem.getAttribute("data-src"));
      if (a && b) group.setAttribute("data-src", a.file + ":" + a.unit + a.line + (b.end > a.line ? "-" + b.end : ""));
      var finding = byId[g.id];
      var kept = (finding && finding.data && typeof finding.data.kept === "string" && finding.data.kept) || first.getAttribute("data-kept");
      var ruleKind = (/removed-(\w[\w-]*)/.exec(first.className) || [])[1] || "";
      var summary = el("summary");
      var label = el("span", "removed-label", t("removed") + (g.items.length > 1 ? " " + tn("blocks", g.items.length) : ""));
      label.setAttribute("data-blocks", String(g.items.length));
      summary.appendChild(label);
      summary.appendChild(document.createTextNode(" "));
      summary.appendChild(el("bdi", "removed-kind", ruleKind));
      if (finding) summary.title = messageOf(finding);
      group.appendChild(summary);
      if (kept) {
        group.setAttribute("data-kept", kept);
        summary.appendChild(document.createTextNode(" — "));
        var link = el("a", "kept-link");
        link.appendChild(i18n(el("span"), "kept-copy"));
        var where = el("bdi", "", kept);
        where.setAttribute("dir", "ltr");
        link.appendChild(where);
        link.href = "#";
        summary.appendChild(link);
      }
      first.parentNode.insertBefore(group, first);
      g.items.forEach(function (d) {
        var ops = proof.diffs[d.id];
        if (ops) {
          var box = diffBox(ops, "");
          var legend = i18n(el("div", "legend"), "diff-kept", { where: d.getAttribute("data-src").replace(/^.*:/, "") });
          box.insertBefore(legend, box.firstChild);
          group.appendChild(box);
        }
        Array.prototype.slice.call(d.children).forEach(function (child) {
          if (child.tagName !== "SUMMARY") group.appendChild(child);
        });
        d.remove();
      });
    });
  }

  // links from each removed group to the copy kept (after indexing sources)
  function linkKept() {
    document.querySelectorAll("details.removed-group").forEach(function (group) {
      var link = group.querySelector("summary a.kept-link");
      var kept = group.getAttribute("data-kept");
      if (!link || !kept) return;
      var p = parseSrc(kept);
      var keptEl = exactSource(kept) || (p && elementAt(p.file, p.line));
      if (keptEl) link.href = "#" + ensureId(keptEl);
      link.addEventListener("click", function (ev) {
        ev.preventDefault();
        ev.stopPropagation();
        if (keptEl) jumpTo(keptEl);
      });
    });
  }

  function markModel() {
    document.querySelectorAll("aside.note.generated, a.noteref.generated").forEach(function (n) {
      n.classList.add("proof-mark");
      n.setAttribute("data-proof-kind", "note");
      var rule = n.getAttribute("data-rule");
      if (rule && n.tagName === "ASIDE") {
        var tag = el("span", "flag proof-mark", rule);
        tag.setAttribute("data-proof-kind", "note");
        i18n(tag, "generated-note", { rule: rule }, "title");
        n.insertBefore(tag, n.firstChild);
      }
    });
    var statusKeys = { added: "ref-added", corrected: "ref-corrected", confirmed: "ref-confirmed", mismatch: "ref-mismatch" };
    document.querySelectorAll(".quran[class*='ref-']").forEach(function (q) {
      var status = (/ref-(\w+)/.exec(q.className) || [])[1];
      if (!status || status === "typed") return;
      q.classList.add("proof-mark");
      q.setAttribute("data-proof-kind", "quran");
      if (statusKeys[status]) i18n(q, statusKeys[status], null, "title");
      else q.title = status;
      var ref = q.nextElementSibling;
      if (ref && ref.classList.contains("verse-ref")) {
        ref.classList.add("proof-mark");
        ref.setAttribute("data-proof-kind", "quran");
        if (ref.title && statusKeys[status]) {
          // the author's reference, kept as a parameter; the status is named in the reader's language
          ref.setAttribute("data-i18n-title", "author-wrote");
          ref.setAttribute("data-i18n-params", JSON.stringify({ status: t(statusKeys[status]), text: ref.title }));
          ref.setAttribute("data-status-key", statusKeys[status]);
          ref.title = t("author-wrote", { status: t(statusKeys[status]), text: ref.title });
        }
      }
    });
  }

  // ------------------------------------------------------------ toggles, panel, jumps

  function applyHidden() {
    document.querySelectorAll(".proof-mark, .flagged").forEach(function (m) {
      var kinds = (m.getAttribute("data-proof-kinds") || m.getAttribute("data-proof-kind") || "").split(" ");
      var off = kinds.every(function (k) { return state.hidden.has(k); });
      m.classList.toggle("proof-off", off);
    });
    document.querySelectorAll("#proof-panel li.finding").forEach(function (li) {
      li.classList.toggle("kind-off", state.hidden.has(li.getAttribute("data-kind")));
    });
    document.querySelectorAll("#proof-panel input[data-kind]").forEach(function (box) {
      box.checked = !state.hidden.has(box.getAttribute("data-kind"));
    });
    store.setItem("warraq-hidden", JSON.stringify(Array.from(state.hidden)));
  }

  function jumpTo(target) {
    var closed = target.parentElement && target.parentElement.closest("details:not([open])");
    if (closed) closed.open = true;
    if (state.tab !== "book") showTab("book");
    var tall = target.getBoundingClientRect().height > window.innerHeight * 0.6;
    target.scrollIntoView({ block: tall ? "start" : "center" });
    target.classList.remove("proof-flash");
    void target.offsetWidth;
    target.classList.add("proof-flash");
  }

  function showInPanel(index) {
    setPanel(true);
    var li = document.querySelector('#proof-panel li.finding[data-index="' + index + '"]');
    if (!li) return;
    document.querySelectorAll("#proof-panel li.current").forEach(function (c) { c.classList.remove("current"); });
    li.classList.add("current");
    li.scrollIntoView({ block: "nearest" });
  }

  function setPanel(open) {
    state.panel = open;
    store.setItem("warraq-panel", open ? "open" : "closed");
    document.body.classList.toggle("panel-open", open);
    var toggle = document.querySelector(".panel-toggle");
    if (toggle) toggle.setAttribute("aria-expanded", String(open));
  }

  function wirePanel() {
    var panel = document.getElementById("proof-panel");
    if (!panel) return;
    panel.addEventListener("change", function (ev) {
      var box = ev.target;
      if (!box.matches("input[data-kind]")) return;
      if (box.checked) state.hidden.delete(box.getAttribute("data-kind"));
      else state.hidden.add(box.getAttribute("data-kind"));
      applyHidden();
    });
    panel.addEventListener("click", function (ev) {
      var a = ev.target.closest("a.jump");
      if (!a) return;
      ev.preventDefault();
      var li = a.closest("li.finding");
      var index = +li.getAttribute("data-index");
      document.querySelectorAll("#proof-panel li.current").forEach(function (c) { c.classList.remove("current"); });
      li.classList.add("current");
      var target = findingEls.get(index);
      if (target) jumpTo(target);
    });
    var toggle = document.querySelector(".panel-toggle");
    if (toggle) toggle.addEventListener("click", function () { setPanel(!state.panel); });
  }

  // ------------------------------------------------------------ source tip: hover shows file:line, click copies

  var tip = null, tipFor = null;

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    var area = el("textarea");
    area.value = text;
    document.body.appendChild(area);
    area.select();
    document.execCommand("copy");
    area.remove();
    return Promise.resolve();
  }

  // the tip lives in the body (replaced on refresh); the hover listener is
  // on the document, added once
  function makeSourceTip() {
    tip = el("button", "src-tip proof-ui");
    tip.type = "button";
    tip.hidden = true;
    i18n(tip, "copy-src", null, "title");
    tipFor = null;
    document.body.appendChild(tip);
    tip.addEventListener("click", function () {
      var text = tip.textContent;
      copyText(text).then(function () {
        window.warraqCopied = text;
        tip.classList.add("copied");
        setTimeout(function () { tip.classList.remove("copied"); }, 800);
      });
    });
  }

  function onHover(ev) {
    var target = ev.target.closest && ev.target.closest("main [data-src], header [data-src]");
    if (!tip || !target || target === tipFor) return;
    if (tipFor) tipFor.classList.remove("src-hover");
    tipFor = target;
    target.classList.add("src-hover");
    var rect = target.getBoundingClientRect();
    tip.textContent = target.getAttribute("data-src");
    tip.hidden = false;
    // above the block's start (right) corner, inside the window
    var left = window.scrollX + rect.right - tip.offsetWidth;
    tip.style.top = Math.max(0, window.scrollY + rect.top - tip.offsetHeight - 2) + "px";
    tip.style.left = Math.max(window.scrollX + 4, left) + "px";
  }

  // ------------------------------------------------------------ tabs and the print view

  function showTab(tab) {
    state.tab = tab;
    store.setItem("warraq-tab", tab);
    document.body.classList.toggle("tab-print", tab === "print");
    document.querySelectorAll(".proof-bar .tab").forEach(function (b) {
      b.setAttribute("aria-selected", String(b.getAttribute("data-tab") === tab));
    });
    var view = document.getElementById("print-view");
    if (view) view.hidden = tab !== "print";
    if (tab === "print") requestPrint();
  }

  function wireTabs() {
    document.querySelectorAll(".proof-bar .tab").forEach(function (b) {
      b.addEventListener("click", function () { showTab(b.getAttribute("data-tab")); });
    });
  }

  function requestPrint() {
    if (state.live) {
      fetch("/_warraq/print", { cache: "no-store", headers: { "X-Warraq": "1" } })
        .then(function (r) { return r.json(); })
        .then(renderPrint)
        .catch(function () { renderPrint({ status: "failed", messageKey: "no-server", pages: [] }); });
    } else {
      window.warraqPrintPages = renderPrint;
      var s = el("script");
      s.src = "print/pages.js";
      s.onerror = function () {
        renderPrint({ status: "unavailable", messageKey: "no-print", pages: [] });
      };
      document.body.appendChild(s);
    }
  }

  function renderPrint(info) {
    state.print = info;
    var status = document.getElementById("print-status");
    var spreads = document.getElementById("print-spreads");
    if (!status || !spreads) return;
    var text = { building: t("pdf-building"), failed: t("pdf-failed") }[info.status] || "";
    var message = info.messageKey ? t(info.messageKey) : (info.messages && info.messages[state.lang]) || info.message || "";
    status.textContent = text + message;
    status.setAttribute("data-status", info.status);
    if (info.status === "building" && spreads.children.length) return; // keep the old pages meanwhile
    spreads.textContent = "";
    // the book is bound on the right: page 1 stands alone on the left, then
    // each spread is (even page on the right, odd page on the left)
    var pages = info.pages || [];
    var groups = pages.length ? [[null, 0]] : [];
    for (var i = 1; i < pages.length; i += 2) groups.push(i + 1 < pages.length ? [i, i + 1] : [i, null]);
    groups.forEach(function (g) {
      var spread = el("div", "spread");
      g.forEach(function (n) {
        if (n === null) { spread.appendChild(el("div", "blank")); return; }
        var fig = el("figure");
        var img = el("img");
        img.src = pages[n];
        img.alt = t("page", { n: digits(n + 1) });
        img.loading = "lazy";
        fig.appendChild(img);
        fig.appendChild(el("figcaption", "", String(n + 1)));
        spread.appendChild(fig);
      });
      spreads.appendChild(spread);
    });
  }

  // ------------------------------------------------------------ live: build events and refresh in place

  function pageVersion() {
    var m = document.querySelector('meta[name="warraq-version"]');
    return m ? m.getAttribute("content") : "";
  }

  function showError(error) {
    state.error = error;
    var box = document.getElementById("build-error");
    if (!box) return;
    box.hidden = !error;
    box.textContent = "";
    if (!error) return;
    box.appendChild(el("strong", "", t("build-failed")));
    if (error.where) {
      var where = el("bdi", "where", error.where);
      where.setAttribute("dir", "ltr");
      box.appendChild(where);
      box.appendChild(document.createTextNode(" "));
    }
    var msg = el("span", "message", (error.messages && error.messages[state.lang]) || error.message);
    box.appendChild(msg);
    box.appendChild(el("span", "hint", t("last-good")));
  }

  function arabicDigits(n) {
    return String(n).replace(/[0-9]/g, function (d) { return "٠١٢٣٤٥٦٧٨٩"[+d]; });
  }

  function setBuildState(st) {
    var node = document.getElementById("build-state");
    if (!node || !st.build) return;
    state.status = st;
    node.textContent = st.seconds !== undefined
      ? t("build-n-ms", { n: digits(st.build), ms: digits(Math.round(st.seconds * 1000)) })
      : t("build-n", { n: digits(st.build) });
  }

  function onState(st) {
    showError(st.error || null);
    setBuildState(st);
    if (st.version) state.latest = st.version;
    if (st.version && st.version !== state.version) refresh();
    if (state.tab === "print" && st.print && (!state.print || st.print.serial !== state.print.serial)) requestPrint();
  }

  function captureAnchor() {
    var nodes = document.querySelectorAll("main [data-src]");
    for (var i = 0; i < nodes.length; i++) {
      var r = nodes[i].getBoundingClientRect();
      if (r.bottom > 0 && r.height > 0) {
        return { src: nodes[i].getAttribute("data-src"), text: nodes[i].textContent.trim().slice(0, 60), top: r.top, y: window.scrollY };
      }
    }
    return { y: window.scrollY };
  }

  function restoreAnchor(a) {
    if (a.src !== undefined) {
      var nodes = document.querySelectorAll("main [data-src]");
      var same = null, sameText = null;
      for (var i = 0; i < nodes.length; i++) {
        var n = nodes[i];
        var text = n.textContent.trim().slice(0, 60);
        if (text === a.text && n.getAttribute("data-src") === a.src) { same = n; break; }
        if (!sameText && text === a.text) sameText = n;
      }
      var target = same || sameText;
      if (target) {
        window.scrollBy(0, target.getBoundingClientRect().top - a.top);
        return;
      }
    }
    window.scrollTo(0, a.y);
  }

  var refreshing = false;
  function refresh() {
    if (refreshing) return;
    if (!document.getElementById("warraq-proof")) { location.reload(); return; }
    refreshing = true;
    fetch("/", { cache: "no-store" })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var data = doc.getElementById("warraq-proof");
        if (!data) { location.reload(); return; }
        var anchor = captureAnchor();
        var oldStyle = document.querySelector("head style"), newStyle = doc.querySelector("head style");
        if (oldStyle && newStyle && oldStyle.textContent !== newStyle.textContent) oldStyle.textContent = newStyle.textContent;
        document.getElementById("warraq-proof").textContent = data.textContent;
        var words = document.getElementById("warraq-ui"), newWords = doc.getElementById("warraq-ui");
        if (words && newWords) words.textContent = newWords.textContent;
        var meta = document.querySelector('meta[name="warraq-version"]'), newMeta = doc.querySelector('meta[name="warraq-version"]');
        if (meta && newMeta) meta.setAttribute("content", newMeta.getAttribute("content"));
        document.title = doc.title;
        document.body.className = doc.body.className;
        document.body.innerHTML = doc.body.innerHTML;
        init();
        restoreAnchor(anchor);
        window.warraqRefreshes = (window.warraqRefreshes || 0) + 1;
        document.dispatchEvent(new CustomEvent("warraq:refreshed", { detail: { version: state.version } }));
      })
      .then(function () { return true; }, function () { return false; })
      .then(function (ok) {
        refreshing = false;
        // a newer build came meanwhile: fetch again (after a pause if this failed)
        if (state.latest && state.latest !== state.version) setTimeout(refresh, ok ? 0 : 1000);
      });
  }

  function startLive() {
    if (!/^https?:$/.test(location.protocol)) return;
    fetch("/_warraq/status", { cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (st) {
        if (!st) return;
        state.live = true;
        var events = new EventSource("/_warraq/events");
        events.addEventListener("state", function (ev) { onState(JSON.parse(ev.data)); });
        window.warraqEvents = events;
      })
      .catch(function () {});
  }

  // ------------------------------------------------------------ start

  function init() {
    var data = document.getElementById("warraq-proof");
    state.version = pageVersion();
    loadUi();
    showError(state.error);
    if (!data) return; // the server's error page: only the live part runs
    proof = JSON.parse(data.textContent);
    groupRemoved();
    indexSources();
    linkKept();
    markFindings();
    markModel();
    wirePanel();
    wireTabs();
    wireLang();
    makeSourceTip();
    setPanel(state.panel);
    applyHidden();
    showTab(state.tab);
    applyLang();
    document.documentElement.setAttribute("data-proof-ready", state.version || "static");
  }

  function start() {
    document.addEventListener("mouseover", onHover);
    init();
    startLive();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
