// Forms the same for everyone: the server checks every field and answers with one error
// summary (templates/bootstrap5/errors.html), so the browser's own pop-ups are turned
// off; the focus goes to the summary when a page comes back with errors. And Escape
// closes the site menu on a phone, giving the focus back to its button.
(function () {
  "use strict";
  var forms = document.querySelectorAll("form");
  for (var i = 0; i < forms.length; i += 1) {
    forms[i].noValidate = true;
  }
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    var menu = document.querySelector(".navbar-collapse.show");
    if (!menu || !window.bootstrap) {
      return;
    }
    window.bootstrap.Collapse.getOrCreateInstance(menu).hide();
    var toggler = document.querySelector('[data-bs-target="#' + menu.id + '"]');
    if (toggler) {
      toggler.focus();
    }
  });
})();
