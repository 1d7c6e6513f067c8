/*
 * Session limits in the browser (the server enforces them: accounts.middleware).
 * 1. Before the idle limit, a dialog warns and offers "Stay logged in" (a keep-alive POST).
 *    Typing in a form counts as activity and keeps the session alive (at most once a minute).
 * 2. Text typed into a form is kept in this tab's sessionStorage until the form is sent, so a
 *    forced logout loses nothing: after logging in again the text is put back and announced.
 *    Passwords, codes and hidden fields are never kept; an explicit logout clears everything.
 */
(function () {
  "use strict";
  var body = document.body;
  var DRAFTS = "forlob.drafts", PENDING = "forlob.pendingSubmit", REAUTH = "forlob.reauth";
  var store = window.sessionStorage;

  function readDrafts() { try { return JSON.parse(store.getItem(DRAFTS) || "{}"); } catch (e) { return {}; } }
  function writeDrafts(drafts) { store.setItem(DRAFTS, JSON.stringify(drafts)); }
  function keyFor(form) { return location.pathname + "#" + (form.getAttribute("action") || "") + "#" + Array.prototype.indexOf.call(document.forms, form); }
  function keepable(el) {
    if (!el.name || el.disabled) return false;
    var type = (el.type || "").toLowerCase();
    return ["password", "hidden", "file", "submit", "button"].indexOf(type) === -1 && el.autocomplete !== "one-time-code";
  }
  function saveDraft(form) {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!keepable(el)) return;
      if (el.type === "checkbox" || el.type === "radio") { if (el.checked) values[el.name + "=" + el.value] = true; }
      else values[el.name] = el.value;
    });
    var drafts = readDrafts(); drafts[keyFor(form)] = values; writeDrafts(drafts);
  }
  function restoreDrafts() {
    var drafts = readDrafts(), restored = false;
    Array.prototype.forEach.call(document.forms, function (form) {
      var values = drafts[keyFor(form)];
      if (!values) return;
      Array.prototype.forEach.call(form.elements, function (el) {
        if (!keepable(el)) return;
        if (el.type === "checkbox" || el.type === "radio") { el.checked = !!values[el.name + "=" + el.value]; }
        else if (values[el.name] !== undefined && el.value !== values[el.name]) { el.value = values[el.name]; restored = true; }
      });
    });
    var notice = document.querySelector("[data-restored-notice]");
    if (restored && notice) notice.hidden = false;
  }

  if (body.hasAttribute("data-auth-page")) {
    store.setItem(REAUTH, "1");
  } else if (store.getItem(REAUTH)) {
    store.removeItem(REAUTH); store.removeItem(PENDING); restoreDrafts();
  } else if (store.getItem(PENDING)) {
    var drafts = readDrafts(); delete drafts[store.getItem(PENDING)]; writeDrafts(drafts); store.removeItem(PENDING);
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.hasAttribute("data-logout")) { store.removeItem(DRAFTS); store.removeItem(PENDING); return; }
    if (!body.hasAttribute("data-auth-page")) { saveDraft(form); store.setItem(PENDING, keyFor(form)); }
  });

  var idle = parseInt(body.getAttribute("data-session-idle"), 10);
  if (!idle || body.hasAttribute("data-auth-page")) return;
  var warnBefore = parseInt(body.getAttribute("data-session-warning"), 10) || 120;
  var dialog = document.querySelector("[data-session-warning-dialog]");
  var countdown = document.querySelector("[data-session-countdown]");
  var stay = document.querySelector("[data-session-stay]");
  var csrf = (document.querySelector("input[name=csrfmiddlewaretoken]") || {}).value;
  var lastPing = Date.now(), previousFocus = null;  // the server counts idle time from the last request

  function keepAlive() {
    lastPing = Date.now();
    return fetch(body.getAttribute("data-keepalive-url"), {
      method: "POST", credentials: "same-origin", headers: { "X-CSRFToken": csrf || "" }
    });
  }
  function hideWarning() {
    if (dialog.hidden) return;
    dialog.hidden = true;
    if (previousFocus) previousFocus.focus();
  }
  document.addEventListener("input", function (event) {
    if (event.target.form) saveDraft(event.target.form);
    if (Date.now() - lastPing > 60000) keepAlive();
  });
  if (stay) stay.addEventListener("click", function () { keepAlive().then(hideWarning); });
  if (dialog) dialog.addEventListener("keydown", function (event) {
    if (event.key === "Tab") { event.preventDefault(); stay.focus(); }
  });

  setInterval(function () {
    var left = idle - Math.floor((Date.now() - lastPing) / 1000);
    if (left <= 0) {
      Array.prototype.forEach.call(document.forms, function (form) { if (!form.hasAttribute("data-logout")) saveDraft(form); });
      location.reload();  // the server ends the session and shows the login page
      return;
    }
    if (left <= warnBefore && dialog && dialog.hidden) {
      previousFocus = document.activeElement; dialog.hidden = false; stay.focus();
    }
    if (countdown && !dialog.hidden) {
      var minutes = Math.floor(left / 60), seconds = left % 60;
      countdown.textContent = minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
    }
  }, 1000);
}());
