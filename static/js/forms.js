/* Forms: move focus to the error summary after a failed submit, so it is read out first (WCAG 3.3.1). */
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
}());
