/*
 * Session limits in the browser (the server enforces them: accounts.middleware).
 * 1. Before the idle limit, a dialog warns and offers "Stay logged in" (a keep-alive POST).
 *    Typing in a form counts as activity and keeps the session alive (at most once a minute).
 * 2. Text typed into a form is kept in this tab's sessionStorage until the form is sent, so a
 *    forced logout loses nothing: after logging in again the text is put back and announced.
 *    Passwords, codes and hidden fields are never kept; an explicit logout clears everything.
 * 3. CPR numbers are never kept. Not kept at all: fields named "cpr" (or ending in "_cpr"/"-cpr"),
 *    the search field "q", and any field or form marked data-no-draft. In every kept value, any
 *    run of 6 or more digits, an optional separator (space, "-", "–", ".", "/") and 4 or more
 *    digits is replaced by "XXXXXX-XXXX" before it is stored; the restored notice then says so.
 * 4. Kept text is bound to the user. The server puts a per-user key on <body data-draft-owner>
 *    (an HMAC of the user's id with SECRET_KEY: accounts.context_processors.draft_owner_key; none
 *    on the login pages). Drafts are stored together with that key and only on pages that have
 *    one; a page whose key differs from the stored one (another person logged in in this tab)
 *    deletes them unread.
 */
(function () {
  "use strict";
  var body = document.body;
  var DRAFTS = "forlob.drafts", PENDING = "forlob.pendingSubmit", REAUTH = "forlob.reauth";
  var CPR_MASK = "XXXXXX-XXXX";
  var CPR_LIKE = /[0-9]{6,}[\s\-\u2013.\/]?[0-9]{4,}/g;
  var NEVER_KEPT_NAME = /(^|[_\-.])cpr$|^q$/i;
  var store = window.sessionStorage;
  var owner = body.getAttribute("data-draft-owner") || "";

  function maskCpr(text) { return String(text).replace(CPR_LIKE, CPR_MASK); }
  function readForms() {
    try {
      var stored = JSON.parse(store.getItem(DRAFTS) || "{}");
      return stored && owner && stored.owner === owner && stored.forms ? stored.forms : {};
    } catch (e) { return {}; }
  }
  function writeForms(forms) { store.setItem(DRAFTS, JSON.stringify({ owner: owner, forms: forms })); }
  function forgetDrafts() { store.removeItem(DRAFTS); store.removeItem(PENDING); }
  function keyFor(form) { return location.pathname + "#" + (form.getAttribute("action") || "") + "#" + Array.prototype.indexOf.call(document.forms, form); }
  function keepable(el) {
    if (!el.name || el.disabled || NEVER_KEPT_NAME.test(el.name)) return false;
    if (el.hasAttribute("data-no-draft") || (el.form && el.form.hasAttribute("data-no-draft"))) return false;
    var type = (el.type || "").toLowerCase();
    return ["password", "hidden", "file", "submit", "button"].indexOf(type) === -1 && el.autocomplete !== "one-time-code";
  }
  function saveDraft(form) {
    if (!owner) return;
    var values = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!keepable(el)) return;
      if (el.type === "checkbox" || el.type === "radio") { if (el.checked) values[el.name + "=" + maskCpr(el.value)] = true; }
      else values[el.name] = maskCpr(el.value);
    });
    var forms = readForms(); forms[keyFor(form)] = values; writeForms(forms);
  }
  function restoreDrafts() {
    var forms = readForms(), restored = false, masked = false;
    Array.prototype.forEach.call(document.forms, function (form) {
      var values = forms[keyFor(form)];
      if (!values) return;
      Array.prototype.forEach.call(form.elements, function (el) {
        if (!keepable(el)) return;
        if (el.type === "checkbox" || el.type === "radio") { el.checked = !!values[el.name + "=" + el.value]; }
        else if (values[el.name] !== undefined && el.value !== values[el.name]) {
          el.value = values[el.name]; restored = true;
          if (values[el.name].indexOf(CPR_MASK) !== -1) masked = true;
        }
      });
    });
    var notice = document.querySelector("[data-restored-notice]");
    var cprNotice = document.querySelector("[data-restored-cpr-notice]");
    if (restored && notice) notice.hidden = false;
    if (restored && masked && cprNotice) cprNotice.hidden = false;
  }

  if (body.hasAttribute("data-auth-page")) {
    store.setItem(REAUTH, "1");
  } else if (owner) {
    var stored = null;
    try { stored = JSON.parse(store.getItem(DRAFTS) || "null"); } catch (e) { stored = null; }
    if (stored && stored.owner !== owner) forgetDrafts();  // another person's text: delete it unread
    if (store.getItem(REAUTH)) {
      store.removeItem(REAUTH); store.removeItem(PENDING); restoreDrafts();
    } else if (store.getItem(PENDING)) {
      var forms = readForms(); delete forms[store.getItem(PENDING)]; writeForms(forms); store.removeItem(PENDING);
    }
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.hasAttribute("data-logout")) { forgetDrafts(); return; }
    if (owner && !body.hasAttribute("data-auth-page")) { saveDraft(form); store.setItem(PENDING, keyFor(form)); }
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
