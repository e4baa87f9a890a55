// The team member form shows only the details of the chosen profile (agent, student,
// local actor). Without this script every group stays visible, each titled by its
// profile; the server keeps only the chosen profile's details either way.
(function () {
  "use strict";
  var choices = document.querySelectorAll('input[data-member-kind="choice"]');
  var groups = document.querySelectorAll("[data-member-kind-fields]");
  if (!choices.length || !groups.length) {
    return;
  }
  function chosen() {
    for (var i = 0; i < choices.length; i += 1) {
      if (choices[i].checked) {
        return choices[i].value;
      }
    }
    return "";
  }
  function update() {
    var kind = chosen();
    for (var i = 0; i < groups.length; i += 1) {
      groups[i].hidden = groups[i].getAttribute("data-member-kind-fields") !== kind;
    }
  }
  for (var i = 0; i < choices.length; i += 1) {
    choices[i].addEventListener("change", update);
  }
  update();
})();
