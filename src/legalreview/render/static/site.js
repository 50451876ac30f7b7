// legalreview: sorting and filtering for the global table. Small, dependency-free, optional:
// without JavaScript the table is complete and readable (assessed countries first).
// The filters and the sort live in the address (#q=...&region=...&tier=...&all=1&sort=C1-desc), so a
// filtered table can be linked to and comes back as it was after Back. Missing values (not assessed,
// not known, not applicable) sort last whichever way a column is sorted.
(function () {
  "use strict";
  // the words this script writes, in the page's language (data-messages on <html>; English without it)
  var messages = {};
  try { messages = JSON.parse(document.documentElement.getAttribute("data-messages") || "{}"); } catch (e) { messages = {}; }
  function msg(key, english, a, b) {
    return (messages[key] || english).replace("%1", String(a)).replace("%2", String(b));
  }
  // other sortable tables (a region's tables): header buttons, missing values last, no address state
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable:not(#global-table)"), function (t) {
    var body = t.tBodies[0], heads = t.tHead.rows[0].cells, start = Array.prototype.slice.call(body.rows);
    Array.prototype.forEach.call(heads, function (th, col) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "sort";
      b.setAttribute("aria-label", msg("sort", "Sort by %1", th.textContent.replace(/\s+/g, " ").trim()));
      while (th.firstChild) { b.appendChild(th.firstChild); }
      th.appendChild(b);
      b.addEventListener("click", function () {
        var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        for (var i = 0; i < heads.length; i++) { heads[i].removeAttribute("aria-sort"); }
        th.setAttribute("aria-sort", dir);
        var numeric = th.getAttribute("data-type") === "num", sign = dir === "ascending" ? 1 : -1;
        var keyed = start.map(function (r, i) {
          var v = r.cells[col].getAttribute("data-sort");
          if (v === null) { v = r.cells[col].textContent.trim(); }
          var k = v === "" ? null : numeric ? parseFloat(v) : v.toLocaleLowerCase();
          return [k !== k ? null : k, i, r];
        });
        keyed.sort(function (a, c) {
          if (a[0] === null || c[0] === null) { return a[0] === c[0] ? a[1] - c[1] : a[0] === null ? 1 : -1; }
          return a[0] < c[0] ? -sign : a[0] > c[0] ? sign : a[1] - c[1];
        });
        keyed.forEach(function (x) { body.appendChild(x[2]); });
      });
    });
  });
  // the country list: find by any name, or show assessed countries only
  var cform = document.getElementById("country-filter");
  if (cform) {
    var ctext = document.getElementById("c-text"), conly = document.getElementById("c-assessed");
    var items = Array.prototype.slice.call(document.querySelectorAll("ul.countries li"));
    var norm = function (v) {
      return (v || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLocaleLowerCase()
        .replace(/[^a-z0-9]+/g, " ").trim();
    };
    items.forEach(function (li) { li._search = " " + norm(li.getAttribute("data-search")) + " "; });
    var filterCountries = function () {
      var q = norm(ctext.value), shown = 0;
      items.forEach(function (li) {
        var ok = (!q || li._search.indexOf(" " + q) !== -1) && (!conly.checked || li.getAttribute("data-assessed") === "yes");
        li.hidden = !ok;
        if (ok) { shown++; }
      });
      Array.prototype.forEach.call(document.querySelectorAll("section.country-region"), function (sec) {
        sec.hidden = !sec.querySelector("li:not([hidden])");
      });
      document.getElementById("c-count").textContent = shown ? msg("showing", "Showing %1 of %2 countries", shown, items.length)
        : msg("none", "No country matches; clear the search to see all %1.", items.length);
    };
    cform.addEventListener("submit", function (e) { e.preventDefault(); });
    ctext.addEventListener("input", filterCountries);
    conly.addEventListener("change", filterCountries);
    cform.hidden = false;
    filterCountries();
  }
  var table = document.getElementById("global-table");
  if (!table) { return; }
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var original = rows.slice();
  var headers = table.tHead.rows[0].cells;
  var sortKey = "", sortDir = "";

  function fold(s) {
    return (s || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLocaleLowerCase()
      .replace(/[^a-z0-9]+/g, " ").trim();
  }
  rows.forEach(function (r) { r._search = " " + fold(r.getAttribute("data-search")) + " "; });

  function key(row, col, numeric) {
    var cell = row.cells[col];
    var v = cell.getAttribute("data-sort");
    if (v === null) { v = cell.textContent.trim(); }
    if (v === "") { return null; }  // missing: last in either direction
    if (numeric) { var n = parseFloat(v); return isNaN(n) ? null : n; }
    return v.toLocaleLowerCase();
  }

  function colOf(name) {
    for (var i = 0; i < headers.length; i++) { if (headers[i].getAttribute("data-key") === name) { return i; } }
    return -1;
  }

  function sortRows() {
    for (var i = 0; i < headers.length; i++) { headers[i].removeAttribute("aria-sort"); }
    var col = colOf(sortKey);
    var ordered;
    if (col < 0) {
      ordered = original;
    } else {
      var th = headers[col];
      th.setAttribute("aria-sort", sortDir);
      var numeric = th.getAttribute("data-type") === "num";
      var sign = sortDir === "ascending" ? 1 : -1;
      var indexed = original.map(function (r, i) { return [key(r, col, numeric), i, r]; });
      indexed.sort(function (a, b) {
        if (a[0] === null || b[0] === null) {
          if (a[0] === null && b[0] === null) { return a[1] - b[1]; }
          return a[0] === null ? 1 : -1;
        }
        if (a[0] < b[0]) { return -sign; }
        if (a[0] > b[0]) { return sign; }
        return a[1] - b[1];
      });
      ordered = indexed.map(function (x) { return x[2]; });
    }
    var frag = document.createDocumentFragment();
    ordered.forEach(function (r) { frag.appendChild(r); });
    tbody.appendChild(frag);
  }

  var form = document.getElementById("filters");
  var text = document.getElementById("f-text");
  var region = document.getElementById("f-region");
  var tier = document.getElementById("f-tier");
  var all = document.getElementById("f-all");
  var count = document.getElementById("f-count");
  var empty = document.getElementById("f-empty");

  function state() {
    var parts = [];
    if (text && text.value.trim()) { parts.push("q=" + encodeURIComponent(text.value.trim())); }
    if (region && region.value) { parts.push("region=" + encodeURIComponent(region.value)); }
    if (tier && tier.value) { parts.push("tier=" + encodeURIComponent(tier.value)); }
    if (all && all.checked) { parts.push("all=1"); }
    if (sortKey) { parts.push("sort=" + encodeURIComponent(sortKey) + "-" + (sortDir === "ascending" ? "asc" : "desc")); }
    return parts.join("&");
  }

  function save() {
    var wanted = state();
    if (location.hash.replace(/^#/, "") !== wanted) {
      location.replace("#" + wanted);  // no history entry per keystroke; Back leaves the page as it was
    }
  }

  function restore() {
    var params = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (p) {
      var at = p.indexOf("=");
      if (at > 0) { params[p.slice(0, at)] = decodeURIComponent(p.slice(at + 1)); }
    });
    if (text) { text.value = params.q || ""; }
    if (region) { region.value = params.region || ""; if (region.selectedIndex < 0) { region.value = ""; } }
    if (tier) { tier.value = params.tier || ""; if (tier.selectedIndex < 0) { tier.value = ""; } }
    if (all) { all.checked = params.all === "1"; }
    var m = /^(.+)-(asc|desc)$/.exec(params.sort || "");
    sortKey = m && colOf(m[1]) >= 0 ? m[1] : "";
    sortDir = m ? (m[2] === "asc" ? "ascending" : "descending") : "";
    sortRows();
    apply();
  }

  function apply() {
    if (!form) { return; }
    var q = fold(text.value);
    var shown = 0, pool = 0;
    rows.forEach(function (r) {
      var inPool = !all || all.checked || r.getAttribute("data-assessed") === "yes" ||
                   tier.value === "not-assessed";
      if (inPool) { pool++; }
      var ok = inPool && (!region.value || r.getAttribute("data-region") === region.value) &&
               (!tier.value || r.getAttribute("data-tier") === tier.value) &&
               (!q || r._search.indexOf(" " + q) !== -1);
      r.hidden = !ok;
      if (ok) { shown++; }
    });
    count.textContent = msg("showing", "Showing %1 of %2 countries", shown, pool);
    empty.hidden = shown > 0;
  }

  Array.prototype.forEach.call(headers, function (th) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    var name = th.textContent.replace(/\s+/g, " ").trim();
    while (th.firstChild) {
      var child = th.firstChild;
      th.removeChild(child);
      // a link inside a header (criterion pages) becomes text of the button; the criterion page stays
      // one click away from the row of criteria under the table and from every answer's page
      if (child.nodeType === 1 && child.tagName === "A") { button.appendChild(document.createTextNode(child.textContent)); }
      else { button.appendChild(child); }
    }
    button.setAttribute("aria-label", msg("sort", "Sort by %1", name));
    button.addEventListener("click", function () {
      var k = th.getAttribute("data-key");
      sortDir = sortKey === k && sortDir === "ascending" ? "descending" : "ascending";
      sortKey = k;
      sortRows();
      save();
    });
    th.appendChild(button);
  });

  if (form) {
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    text.addEventListener("input", function () { apply(); save(); });
    [region, tier, all].forEach(function (el) { if (el) { el.addEventListener("change", function () { apply(); save(); }); } });
    document.getElementById("f-reset").addEventListener("click", function () {
      text.value = ""; region.value = ""; tier.value = "";
      if (all) { all.checked = true; }
      apply(); save(); text.focus();
    });
    form.hidden = false;
  }
  window.addEventListener("hashchange", restore);
  window.addEventListener("pageshow", restore);  // Back from a profile: the address decides, not the browser's memory
  restore();
}());
