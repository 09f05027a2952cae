// Small behaviours without inline scripts (the Content-Security-Policy forbids them).
document.addEventListener("change", function (event) {
  var el = event.target;
  if (el.matches("[data-autosubmit]")) { el.form.requestSubmit ? el.form.requestSubmit() : el.form.submit(); }
});
document.addEventListener("htmx:configRequest", function (event) {
  var token = document.querySelector("input[name=csrfmiddlewaretoken]");
  if (token) { event.detail.headers["X-CSRFToken"] = token.value; }
});
