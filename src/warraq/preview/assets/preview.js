/* warraq preview: the proofing layer and live reload.
 *
 * The page carries every finding of the build as JSON (#warraq-proof) and
 * every block its source as data-src="file:line".  This script puts each
 * finding's mark on its block, lets the reader switch marks off by kind,
 * jump from the panel to the place, copy a block's file:line, and — when
 * served by `warraq preview` — follows the server's build events, swapping
 * in the rebuilt page where the reader was.
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
    print: null
  };
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

  // ------------------------------------------------------------ marks

  function flagFor(f, index) {
    var flag = el("span", "flag proof-mark level-" + f.level, f.rule);
    flag.setAttribute("data-proof-kind", f.kind);
    flag.setAttribute("data-index", String(index));
    flag.setAttribute("role", "button");
    flag.setAttribute("tabindex", "0");
    flag.title = f.kind + " · " + f.message;
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
          mark.title = f.message;
        }
      }
      // a misquotation's or a near repeat's word diff (a tombstone shows its own)
      var ops = f.word_diff || (f.data && Array.isArray(f.data.diff) ? changeOps(f.data.diff) : null);
      if (ops && ops.length && !target.closest("details.removed")) {
        var box = diffBox(ops, f.rule + ": " + f.message);
        box.setAttribute("data-proof-kind", f.kind);
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
      var label = "حُذف لأنه مكرر" + (g.items.length > 1 ? " (" + g.items.length + " كتل)" : "");
      summary.appendChild(el("span", "removed-label", label));
      summary.appendChild(document.createTextNode(" "));
      summary.appendChild(el("bdi", "removed-kind", ruleKind));
      if (finding) summary.title = finding.message;
      group.appendChild(summary);
      if (kept) {
        group.setAttribute("data-kept", kept);
        summary.appendChild(document.createTextNode(" — "));
        var link = el("a", "kept-link", "النسخة المُبقاة: ");
        var where = el("bdi", "", kept);
        where.setAttribute("dir", "ltr");
        link.appendChild(where);
        link.href = "#";
        summary.appendChild(link);
      }
      first.parentNode.insertBefore(group, first);
      g.items.forEach(function (d) {
        var ops = proof.diffs[d.id];
        if (ops) group.appendChild(diffBox(ops, "الفرق عن النسخة المُبقاة (" + d.getAttribute("data-src").replace(/^.*:/, "") + "):"));
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
        tag.title = "حاشية مولَّدة: " + rule;
        n.insertBefore(tag, n.firstChild);
      }
    });
    var statusText = { added: "مرجع أضيف", corrected: "مرجع صُحِّح", confirmed: "مرجع تُحقق منه", mismatch: "نص لا يطابق الآية" };
    document.querySelectorAll(".quran[class*='ref-']").forEach(function (q) {
      var status = (/ref-(\w+)/.exec(q.className) || [])[1];
      if (!status || status === "typed") return;
      q.classList.add("proof-mark");
      q.setAttribute("data-proof-kind", "quran");
      q.title = statusText[status] || status;
      var ref = q.nextElementSibling;
      if (ref && ref.classList.contains("verse-ref")) {
        ref.classList.add("proof-mark");
        ref.setAttribute("data-proof-kind", "quran");
        if (ref.title) ref.title = (statusText[status] || status) + " — كتبه المؤلف: " + ref.title;
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
    tip.title = "انقر لنسخ الملف والسطر";
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
        .catch(function () { renderPrint({ status: "failed", message: "لا اتصال بالخادم", pages: [] }); });
    } else {
      window.warraqPrintPages = renderPrint;
      var s = el("script");
      s.src = "print/pages.js";
      s.onerror = function () {
        renderPrint({ status: "unavailable", message: "هذه النسخة من المسودة بلا صفحات طباعة.", pages: [] });
      };
      document.body.appendChild(s);
    }
  }

  function renderPrint(info) {
    state.print = info;
    var status = document.getElementById("print-status");
    var spreads = document.getElementById("print-spreads");
    if (!status || !spreads) return;
    var text = {
      ok: "",
      building: "يُعاد بناء ملف PDF …",
      unavailable: "",
      failed: "تعذّر بناء ملف PDF: "
    }[info.status] || "";
    status.textContent = text + (info.message || "");
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
        img.alt = "صفحة " + (n + 1);
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
    box.appendChild(el("strong", "", "تعذّر البناء: "));
    if (error.where) {
      var where = el("bdi", "where", error.where);
      where.setAttribute("dir", "ltr");
      box.appendChild(where);
      box.appendChild(document.createTextNode(" "));
    }
    var msg = el("span", "message", error.message);
    msg.setAttribute("dir", "auto");
    box.appendChild(msg);
    box.appendChild(el("span", "hint", " — تُعرض آخر نسخة سليمة حتى يُصلَح الملف."));
  }

  function arabicDigits(n) {
    return String(n).replace(/[0-9]/g, function (d) { return "٠١٢٣٤٥٦٧٨٩"[+d]; });
  }

  function setBuildState(st) {
    var node = document.getElementById("build-state");
    if (!node || !st.build) return;
    var text = "البناء " + arabicDigits(st.build);
    if (st.seconds !== undefined) text += " في " + arabicDigits(Math.round(st.seconds * 1000)) + " ملّي ثانية";
    node.textContent = text;
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
    makeSourceTip();
    setPanel(state.panel);
    applyHidden();
    showTab(state.tab);
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
