/* Accessible names for fields the Django admin renders without a label (WCAG 4.1.2):
   the two halves of a date/time field, the fields of tabular inlines (named by their
   column header), and the autocomplete (select2) boxes. Loaded on every admin page. */
(function () {
  "use strict";

  function labelText(id) {
    var label = id && document.querySelector('label[for="' + id + '"]');
    return label ? label.textContent.replace(/[:*\s]+$/, "").trim() : "";
  }

  function nameSplitDateTimes(root) {
    root.querySelectorAll("p.datetime").forEach(function (paragraph) {
      var field = labelText((paragraph.querySelector("input") || {}).id.replace(/_[01]$/, "_0"));
      var texts = [];
      paragraph.childNodes.forEach(function (node) {
        if (node.nodeType === Node.TEXT_NODE && node.textContent.trim()) {
          texts.push(node.textContent.replace(/[:\s]+$/, "").trim());
        }
      });
      paragraph.querySelectorAll("input").forEach(function (input, index) {
        if (!input.getAttribute("aria-label")) {
          input.setAttribute("aria-label", [field, texts[index]].filter(Boolean).join(" — "));
        }
      });
    });
  }

  function nameTabularFields(root) {
    root.querySelectorAll("div.tabular table").forEach(function (table) {
      var headers = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.textContent.trim();
      });
      table.querySelectorAll("tbody tr").forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, index) {
          cell.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(function (field) {
            if (!labelText(field.id) && !field.getAttribute("aria-label") && headers[index]) {
              field.setAttribute("aria-label", headers[index]);
            }
          });
        });
      });
    });
  }

  function nameAutocompletes(root) {
    root.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var name = labelText(select.id) || select.getAttribute("aria-label") || select.name;
      var box = select.nextElementSibling;
      if (!box) {
        return;
      }
      box.querySelectorAll(".select2-selection, .select2-selection__rendered").forEach(
        function (part) {
          if (!part.getAttribute("aria-label")) {
            part.setAttribute("aria-label", name);
          }
        }
      );
    });
    root.querySelectorAll(".select2-search__field").forEach(function (search) {
      if (!search.getAttribute("aria-label")) {
        search.setAttribute("aria-label", search.getAttribute("placeholder") || "Rechercher");
      }
    });
  }

  function nameAll() {
    nameSplitDateTimes(document);
    nameTabularFields(document);
    nameAutocompletes(document);
  }

  document.addEventListener("DOMContentLoaded", function () {
    nameAll();
    // Inline rows added later and select2 dropdowns opened later need names too.
    new MutationObserver(nameAll).observe(document.body, { childList: true, subtree: true });
  });
})();
