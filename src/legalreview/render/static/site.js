// legalreview: sorting and filtering for the global table. Small, dependency-free, optional:
// without JavaScript the table is complete and readable.
(function () {
  "use strict";
  var table = document.getElementById("global-table");
  if (!table) { return; }
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var headers = table.tHead.rows[0].cells;

  function key(row, col, numeric) {
    var cell = row.cells[col];
    var v = cell.getAttribute("data-sort");
    if (v === null) { v = cell.textContent.trim(); }
    if (numeric) { var n = parseFloat(v); return isNaN(n) ? -Infinity : n; }
    return v.toLocaleLowerCase();
  }

  function sortBy(col, th) {
    var numeric = th.getAttribute("data-type") === "num";
    var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
    for (var i = 0; i < headers.length; i++) { headers[i].removeAttribute("aria-sort"); }
    th.setAttribute("aria-sort", dir);
    var sign = dir === "ascending" ? 1 : -1;
    var indexed = rows.map(function (r, i) { return [key(r, col, numeric), i, r]; });
    indexed.sort(function (a, b) {
      if (a[0] < b[0]) { return -sign; }
      if (a[0] > b[0]) { return sign; }
      return a[1] - b[1];
    });
    var frag = document.createDocumentFragment();
    indexed.forEach(function (x) { frag.appendChild(x[2]); });
    tbody.appendChild(frag);
  }

  Array.prototype.forEach.call(headers, function (th, col) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    while (th.firstChild) {
      var child = th.firstChild;
      th.removeChild(child);
      // a link inside a header (criterion pages) stays a link; the button sorts
      if (child.nodeType === 1 && child.tagName === "A") { button.appendChild(document.createTextNode(child.textContent)); button.title = "Sort by " + (child.title || child.textContent); }
      else { button.appendChild(child); }
    }
    if (!button.title) { button.title = "Sort by " + button.textContent; }
    button.addEventListener("click", function () { sortBy(col, th); });
    th.appendChild(button);
  });

  var form = document.getElementById("filters");
  if (!form) { return; }
  var text = document.getElementById("f-text");
  var region = document.getElementById("f-region");
  var tier = document.getElementById("f-tier");
  var count = document.getElementById("f-count");

  function apply() {
    var q = text.value.trim().toLocaleLowerCase();
    var shown = 0;
    rows.forEach(function (r) {
      var ok = (!region.value || r.getAttribute("data-region") === region.value) &&
               (!tier.value || r.getAttribute("data-tier") === tier.value) &&
               (!q || r.getAttribute("data-search").toLocaleLowerCase().indexOf(q) !== -1);
      r.hidden = !ok;
      if (ok) { shown++; }
    });
    count.textContent = "Showing " + shown + " of " + rows.length + " countries";
  }
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  text.addEventListener("input", apply);
  region.addEventListener("change", apply);
  tier.addEventListener("change", apply);
  form.hidden = false;
  apply();
}());
