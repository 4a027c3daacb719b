// Sorting and filtering for the comparison table (no library, no CDN).
// The header buttons sort; filters hide rows by text, task and family; the count is announced.
(function () {
  function cellValue(row, index, type) {
    var cell = row.cells[index];
    var raw = cell.getAttribute("data-value");
    if (type === "number") {
      var number = parseFloat(raw === null ? cell.textContent : raw);
      return isNaN(number) ? Infinity : number;
    }
    return cell.textContent.trim().toLowerCase();
  }

  // The buttons are in the page (render/templates/compare.md.j2): adding them here changed the header
  // row after the first layout, and the whole table was laid out again during load.
  function setupSorting(table) {
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (header, index) {
      var type = header.getAttribute("data-sort");
      var button = header.querySelector("button.compare-sort");
      if (!type || !button) {
        return;
      }
      button.addEventListener("click", function () {
        var ascending = header.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (h) { h.setAttribute("aria-sort", "none"); });
        header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, index, type);
          var y = cellValue(b, index, type);
          var order = x < y ? -1 : x > y ? 1 : 0;
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function setupFilters(table, panel) {
    var text = panel.querySelector("[data-filter=text]");
    var task = panel.querySelector("[data-filter=task]");
    var family = panel.querySelector("[data-filter=family]");
    var count = panel.querySelector("[data-filter-count]");
    var template = table.getAttribute("data-count-template");
    function apply() {
      var query = text.value.trim().toLowerCase();
      var shown = 0;
      var rows = table.tBodies[0].rows;
      Array.prototype.forEach.call(rows, function (row) {
        var visible = (!query || row.textContent.toLowerCase().indexOf(query) !== -1) &&
          (!task.value || (" " + row.getAttribute("data-tasks") + " ").indexOf(" " + task.value + " ") !== -1) &&
          (!family.value || row.getAttribute("data-family") === family.value);
        row.hidden = !visible;
        shown += visible ? 1 : 0;
      });
      count.textContent = template.replace("{shown}", shown).replace("{total}", rows.length);
    }
    [text, task, family].forEach(function (input) { input.addEventListener("input", apply); });
    apply();
  }

  function init() {
    var table = document.querySelector("table[data-sortable]");
    var panel = document.querySelector("[data-compare-filters]");
    if (table && panel) {
      setupSorting(table);
      setupFilters(table, panel);
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
