// vnie report: sortable, filterable tables and highlight toggles, in plain JavaScript.
(function () {
  "use strict";
  // Filtering ignores case and Vietnamese diacritics: "uy ban" finds "Ủy ban".
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d").toLowerCase();
  }
  function cellValue(row, column) {
    var cell = row.cells[column];
    if (!cell) return "";
    return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent;
  }
  function setUp(table) {
    var body = table.tBodies[0];
    if (!body) return;
    var rows = Array.prototype.slice.call(body.rows);
    var keys = new Map();
    rows.forEach(function (row) { keys.set(row, fold(row.textContent)); });
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (th, column) {
      th.tabIndex = 0;
      th.title = "Sort";
      function sort() {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var values = rows.map(function (row) { return cellValue(row, column).trim(); });
        var numeric = values.every(function (v) { return v === "" || !isNaN(Number(v)); });
        var order = rows.map(function (row, i) { return i; });
        order.sort(function (a, b) {
          var x = values[a], y = values[b], result;
          if (numeric) {
            result = (x === "" ? -Infinity : Number(x)) - (y === "" ? -Infinity : Number(y));
          } else {
            result = x.localeCompare(y, "vi");
          }
          return (ascending ? result : -result) || a - b;
        });
        var fragment = document.createDocumentFragment();
        order.forEach(function (i) { fragment.appendChild(rows[i]); });
        body.appendChild(fragment);
        rows = order.map(function (i) { return rows[i]; });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(); }
      });
    });
    var input = document.querySelector('input.filter[data-for="' + table.id + '"]');
    var counter = document.querySelector('.count[data-for="' + table.id + '"]');
    function show(n) { if (counter) counter.textContent = n + " of " + rows.length + " rows"; }
    show(rows.length);
    if (!input) return;
    input.addEventListener("input", function () {
      var terms = fold(input.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var key = keys.get(row);
        var keep = terms.every(function (term) { return key.indexOf(term) >= 0; });
        row.hidden = !keep;
        if (keep) shown += 1;
      });
      show(shown);
    });
  }
  document.querySelectorAll("table.data[id]").forEach(setUp);
  // Article pages: toggle a kind's highlights; a click on a mark shows its row.
  document.querySelectorAll("input.kind-toggle").forEach(function (box) {
    box.addEventListener("change", function () {
      document.body.classList.toggle("hide-" + box.getAttribute("data-kind"), !box.checked);
    });
  });
  document.querySelectorAll("mark.ent[data-m]").forEach(function (mark) {
    mark.addEventListener("click", function (event) {
      event.stopPropagation();
      var row = document.getElementById("row-" + mark.getAttribute("data-m"));
      if (!row) return;
      document.querySelectorAll("tr.flash").forEach(function (r) { r.classList.remove("flash"); });
      row.hidden = false;
      row.classList.add("flash");
      row.scrollIntoView({ block: "center" });
    });
  });
})();
