/* aigov site: filter and sort the systems table in the browser. No dependencies, no network.
 *
 * A table marked data-aigov-table gets:
 *   - sorting: click (or Enter/Space on) a column header; cells may carry data-sort with the
 *     value to sort by (numbers sort numerically);
 *   - filtering: the form named by the table's data-aigov-filter attribute; an input with
 *     data-filter="text" matches row text, selects with data-filter="<attr>" match the row's
 *     data-<attr> value (with data-multi: one of its values, separated by spaces), a checkbox with data-filter="<attr>" keeps rows whose data-<attr> is
 *     not "0".
 * Without JavaScript the table is simply a complete, readable table.
 */
(function () {
  "use strict";

  // a select marked data-multi matches one of the row's values, separated by spaces (a
  // system's data categories); any other, the row's whole value (an owner team's name)
  function matches(control, value) {
    if (!control.hasAttribute("data-multi")) return value === control.value;
    return (value || "").split(" ").indexOf(control.value) !== -1;
  }

  function setup(table) {
    if (table.dataset.aigovReady) return;
    table.dataset.aigovReady = "1";
    var body = table.tBodies[0];
    if (!body) return;
    var rows = Array.prototype.slice.call(body.rows);
    var form = table.dataset.aigovFilter ? document.getElementById(table.dataset.aigovFilter) : null;
    var status = form ? form.querySelector("[data-filter-status]") : null;
    var noun = table.dataset.aigovNoun || "systems";
    // the status texts in the site's language, written by aigov (aigov.site.render
    // filter_messages); English when a page lacks them (a repository's own template)
    var messages = { all: "{total} " + noun, some: "{shown} of {total} " + noun };
    try {
      var given = JSON.parse(table.dataset.aigovMessages || "{}");
      if (typeof given.all === "string") messages.all = given.all;
      if (typeof given.some === "string") messages.some = given.some;
    } catch (error) { /* keep English */ }

    // numbers with the page language's separators (1.000 in Dutch); English as it always was
    var lang = (document.documentElement.lang || "en").slice(0, 2);
    function number(n) { return lang === "en" ? String(n) : n.toLocaleString(lang); }
    function say(template, shown) {
      return template.split("{shown}").join(number(shown)).split("{total}").join(number(rows.length));
    }

    function apply() {
      var shown = 0;
      var controls = form ? form.querySelectorAll("[data-filter]") : [];
      rows.forEach(function (row) {
        var keep = true;
        Array.prototype.forEach.call(controls, function (control) {
          if (!keep) return;
          var key = control.dataset.filter;
          if (key === "text") {
            var needle = control.value.trim().toLowerCase();
            if (needle && row.textContent.toLowerCase().indexOf(needle) === -1) keep = false;
          } else if (control.type === "checkbox") {
            if (control.checked && (row.dataset[key] || "0") === "0") keep = false;
          } else if (control.value && !matches(control, row.dataset[key])) {
            keep = false;
          }
        });
        row.hidden = !keep;
        if (keep) shown += 1;
      });
      if (status) {
        status.textContent = shown === rows.length ? say(messages.all, shown) : say(messages.some, shown);
      }
    }

    if (form) {
      // filters can come from the address: systems/index.html?tier=high&stage=pilot
      var params = new URLSearchParams(window.location.search);
      Array.prototype.forEach.call(form.querySelectorAll("[data-filter][name]"), function (control) {
        if (!params.has(control.name)) return;
        var value = params.get(control.name);
        if (control.type === "checkbox") control.checked = value !== "" && value !== "0";
        else control.value = value;
      });
      form.hidden = false;
      form.addEventListener("input", apply);
      form.addEventListener("change", apply);
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
      apply();
    }

    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (th, index) {
      if (th.hasAttribute("data-nosort")) return;
      th.tabIndex = 0;
      th.setAttribute("role", "columnheader");
      th.setAttribute("aria-sort", "none");
      th.classList.add("aigov-sortable");
      function sort() {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (other) {
          if (other.hasAttribute("aria-sort")) other.setAttribute("aria-sort", "none");
        });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var keyed = rows.map(function (row, position) {
          var cell = row.cells[index];
          var raw = cell ? (cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim()) : "";
          var number = raw !== "" && !isNaN(Number(raw)) ? Number(raw) : null;
          return { row: row, raw: raw.toLowerCase(), number: number, position: position };
        });
        keyed.sort(function (a, b) {
          var order;
          if (a.number !== null && b.number !== null) order = a.number - b.number;
          else if (a.raw === "" || b.raw === "") order = a.raw === "" ? 1 : -1;
          else order = a.raw < b.raw ? -1 : a.raw > b.raw ? 1 : 0;
          if (!ascending && !(a.raw === "" || b.raw === "")) order = -order;
          return order || a.position - b.position;
        });
        keyed.forEach(function (item) { body.appendChild(item.row); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          sort();
        }
      });
    });
  }

  // Material's search overlay is a role="dialog" without a name; it takes the name of its own
  // search field (in the site's language), so screen readers announce what opened.
  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role='dialog']");
    var input = document.querySelector(".md-search__input");
    if (dialog && !dialog.hasAttribute("aria-label")) {
      dialog.setAttribute("aria-label", (input && input.getAttribute("aria-label")) || "Search");
    }
  }

  // Material renders its skip link only when the page's table of contents has an entry; aigov's
  // generated pages (their title comes from the page metadata) often have none. The link then
  // goes to the content's first heading, in Material's own words for its languages.
  var SKIP = { en: "Skip to content", nl: "Ga naar inhoud", de: "Zum Inhalt" };

  function addSkipLink() {
    var holder = document.querySelector("[data-md-component='skip']");
    var heading = document.querySelector(".md-content h1");
    if (!holder || holder.querySelector("a") || !heading) return;
    if (!heading.id) heading.id = "aigov-content";
    var link = document.createElement("a");
    link.className = "md-skip";
    link.href = "#" + heading.id;
    var lang = (document.documentElement.lang || "en").slice(0, 2);
    link.textContent = SKIP[lang] || SKIP.en;
    holder.appendChild(link);
  }

  function init() {
    addSkipLink();
    nameSearchDialog();
    Array.prototype.forEach.call(document.querySelectorAll("table[data-aigov-table]"), setup);
  }

  // Material's instant navigation swaps pages without a reload and announces each new page on
  // document$; without it, the usual DOMContentLoaded is enough.
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
