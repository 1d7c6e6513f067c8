/*
 * Forms, progressively enhanced (no inline script: CSP). Without JavaScript every form works as
 * the server renders it.
 *
 * 1. After a failed submit, focus moves to the error summary, so it is read out first (WCAG 3.3.1).
 *
 * 2. Conditional parts: data-show-when="<name>:<value>,<value>[;<name>:<value>,...]" on any element
 *    (usually a <fieldset>) shows it only while every condition holds: the form control named
 *    <name> in the same form (or the page, outside a form) has one of the listed values. A select's
 *    value; the checked radio's value; a checkbox's value when checked, else "" (so
 *    "consent:on" shows with the box ticked, and "consent:" with it unticked). An empty control
 *    matches only an empty value in the list: nothing is shown before a choice is made.
 *    While hidden the element gets the hidden attribute and its controls are disabled, so what was
 *    typed in a part that no longer applies is not sent; the values stay and come back with it.
 *    The server decides what is required: the page without JavaScript shows every part, each
 *    legend saying when it applies. Re-evaluated on every change and input of the form.
 */
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();

  function parse(spec) {
    return spec.split(";").map(function (part) {
      var colon = part.indexOf(":");
      if (colon < 1) return null;
      return {
        name: part.slice(0, colon).trim(),
        values: part.slice(colon + 1).split(",").map(function (v) { return v.trim(); })
      };
    }).filter(Boolean);
  }

  function currentValues(scope, name) {
    var controls = scope.querySelectorAll("[name]");
    var values = [], found = false;
    Array.prototype.forEach.call(controls, function (el) {
      if (el.name !== name || el.disabled) return;
      found = true;
      var type = (el.type || "").toLowerCase();
      if (type === "radio") { if (el.checked) values.push(el.value); }
      else if (type === "checkbox") { values.push(el.checked ? el.value : ""); }
      else if (el.multiple) {
        Array.prototype.forEach.call(el.options, function (o) { if (o.selected) values.push(o.value); });
      } else { values.push(el.value); }
    });
    if (found && values.length === 0) values.push("");
    return found ? values : null;
  }

  function holds(scope, conditions) {
    return conditions.every(function (c) {
      var values = currentValues(scope, c.name);
      if (values === null) return true; // no such control here: never hide on a typo's account
      return values.some(function (v) { return c.values.indexOf(v) !== -1; });
    });
  }

  function setShown(el, shown) {
    el.hidden = !shown;
    if (el.tagName === "FIELDSET") { el.disabled = !shown; return; }
    Array.prototype.forEach.call(el.querySelectorAll("input, select, textarea, button"), function (c) {
      c.disabled = !shown;
    });
  }

  var parts = Array.prototype.map.call(document.querySelectorAll("[data-show-when]"), function (el) {
    return { el: el, scope: el.closest("form") || document, conditions: parse(el.getAttribute("data-show-when")) };
  });
  if (!parts.length) return;

  function update() {
    parts.forEach(function (part) { setShown(part.el, holds(part.scope, part.conditions)); });
  }
  update();
  document.addEventListener("change", update);
  document.addEventListener("input", function (event) {
    if (event.target && /^(SELECT|INPUT)$/.test(event.target.tagName)) update();
  });
}());
