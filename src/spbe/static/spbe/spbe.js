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
    var x = a.cells[col].dataset.sortValue || a.cells[col].textContent.trim();
    var y = b.cells[col].dataset.sortValue || b.cells[col].textContent.trim();
    var order = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y);
    return ascending ? order : -order;
  });
  rows.forEach(function (r) { body.appendChild(r); });
});
