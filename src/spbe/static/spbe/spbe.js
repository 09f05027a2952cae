// Small behaviours without inline scripts (the Content-Security-Policy forbids them).
document.addEventListener("change", function (event) {
  var el = event.target;
  if (el.matches("[data-autosubmit]")) { el.form.requestSubmit ? el.form.requestSubmit() : el.form.submit(); }
});
document.addEventListener("htmx:configRequest", function (event) {
  var token = document.querySelector("input[name=csrfmiddlewaretoken]");
  if (token) { event.detail.headers["X-CSRFToken"] = token.value; }
});
// Sortable tables (the compliance matrix): a button in each column heading sorts by that column,
// ascending then descending; aria-sort tells assistive technology the current order.
document.addEventListener("click", function (event) {
  var button = event.target.closest("table[data-sortable] .sort-button");
  if (!button) { return; }
  var th = button.closest("th");
  var table = th.closest("table");
  var col = parseInt(button.dataset.sortCol, 10);
  var numeric = button.dataset.sortType === "number";
  var ascending = th.getAttribute("aria-sort") !== "ascending";
  table.querySelectorAll("thead th").forEach(function (h) { h.setAttribute("aria-sort", "none"); });
  th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  rows.sort(function (a, b) {
    // The government-level row is not an agency: it stays below the ranked agencies.
    var last = a.hasAttribute("data-sort-last") - b.hasAttribute("data-sort-last");
    if (last) { return last; }
    var x = a.cells[col].dataset.sortValue || a.cells[col].textContent.trim();
    var y = b.cells[col].dataset.sortValue || b.cells[col].textContent.trim();
    var order = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y);
    return ascending ? order : -order;
  });
  rows.forEach(function (r) { body.appendChild(r); });
});
// Touch-friendly filters: a multiple-choice filter becomes a searchable list of checkboxes. The
// original <select multiple> stays in the form (hidden) and is what the form submits.
function spbeEnhanceFilters(root) {
  root.querySelectorAll("form[data-filters] select[multiple]:not([data-enhanced])").forEach(function (select) {
    var form = select.form;
    select.dataset.enhanced = "1";
    var label = form.querySelector('label[for="' + select.id + '"]');
    if (label && !label.id) { label.id = select.id + "-label"; }
    var box = document.createElement("div");
    box.className = "choice-filter";
    box.setAttribute("role", "group");
    if (label) { box.setAttribute("aria-labelledby", label.id); }
    var hint = document.createElement("div");
    hint.className = "form-hint mb-1";
    hint.id = select.id + "-hint";
    hint.textContent = form.dataset.choiceHint || "";
    box.setAttribute("aria-describedby", hint.id);
    box.appendChild(hint);
    var search = null;
    if (select.options.length > 6) {
      search = document.createElement("input");
      search.type = "search";
      search.className = "form-control form-control-sm mb-1";
      search.placeholder = form.dataset.choiceSearch || "";
      search.setAttribute("aria-label", (form.dataset.choiceSearch || "") + (label ? " · " + label.textContent.trim() : ""));
      search.setAttribute("data-no-submit", "1");
      box.appendChild(search);
    }
    var list = document.createElement("div");
    list.className = "choice-list";
    Array.prototype.forEach.call(select.options, function (option, index) {
      var row = document.createElement("label");
      row.className = "form-check choice-item";
      var input = document.createElement("input");
      input.type = "checkbox";
      input.className = "form-check-input";
      input.checked = option.selected;
      input.addEventListener("change", function (event) {
        event.stopPropagation();
        option.selected = input.checked;
        select.dispatchEvent(new Event("change", { bubbles: true }));
      });
      var text = document.createElement("span");
      text.className = "form-check-label";
      text.textContent = option.textContent;
      row.appendChild(input);
      row.appendChild(text);
      list.appendChild(row);
    });
    box.appendChild(list);
    if (search) {
      search.addEventListener("input", function (event) {
        event.stopPropagation();
        var needle = search.value.trim().toLowerCase();
        list.querySelectorAll(".choice-item").forEach(function (row) {
          row.hidden = needle !== "" && row.textContent.toLowerCase().indexOf(needle) === -1;
        });
      });
      search.addEventListener("keyup", function (event) { event.stopPropagation(); });
      search.addEventListener("change", function (event) { event.stopPropagation(); });
      search.addEventListener("keydown", function (event) { if (event.key === "Enter") { event.preventDefault(); } });
    }
    select.hidden = true;
    select.setAttribute("aria-hidden", "true");
    select.tabIndex = -1;
    select.insertAdjacentElement("afterend", box);
  });
}
// A list's filter panel: folded on a narrow screen, so the list is what a phone shows first; open on a
// wide one, where its toggle is hidden (object_list.html).
function spbeFoldFilters(root) {
  var narrow = window.matchMedia("(max-width: 991.98px)");
  root.querySelectorAll("details[data-filter-panel]").forEach(function (panel) {
    panel.open = !narrow.matches;
    narrow.addEventListener("change", function () { panel.open = !narrow.matches; });
  });
}

document.addEventListener("DOMContentLoaded", function () { spbeEnhanceFilters(document); spbeFoldFilters(document); });
