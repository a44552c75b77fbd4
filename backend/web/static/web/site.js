/* 시흥 일자리 잇다 — the few lines of script the pages use (everything works without it).
 *
 * KRDS's ui-script.js initialises its components once, on DOMContentLoaded, by querying the
 * whole document. After htmx swaps a fragment in, only the swapped part must be initialised:
 * running the global init again would bind a second set of listeners to everything that was
 * already on the page. So each component's init runs with `document.querySelectorAll`
 * narrowed to the swapped element, and only for the components found inside it. */
(function () {
  "use strict";
  // KRDS declares its components with `const` at the top level of a classic script: they
  // live in the page's global scope, reachable by name from this script (not as window
  // properties), so each is looked up by a plain reference guarded with typeof.
  var components = [
    [".btn-accordion", function () { return typeof krds_accordion === "undefined" ? null : krds_accordion; }],
    [".krds-disclosure", function () { return typeof krds_disclosure === "undefined" ? null : krds_disclosure; }],
    [".krds-tab-area.layer", function () { return typeof krds_tab === "undefined" ? null : krds_tab; }],
    [".krds-form-toggle-switch", function () { return typeof krds_toggleSwitch === "undefined" ? null : krds_toggleSwitch; }],
    [".krds-info-list", function () { return typeof krds_infoList === "undefined" ? null : krds_infoList; }],
    [".krds-drop-wrap .drop-btn", function () { return typeof krds_dropEvent === "undefined" ? null : krds_dropEvent; }],
    [".krds-tooltip", function () { return typeof krds_tooltip === "undefined" ? null : krds_tooltip; }],
    [".krds-contextual-help .tooltip-btn", function () { return typeof krds_contextualHelp === "undefined" ? null : krds_contextualHelp; }],
  ];

  var focusResults = false;

  function initialise(root) {
    var whole = document.querySelectorAll;
    components.forEach(function (entry) {
      if (!root.querySelector(entry[0])) return;
      var component = entry[1]();
      if (!component || typeof component.init !== "function") return;
      document.querySelectorAll = function (query) { return root.querySelectorAll(query); };
      try { component.init(); } finally { document.querySelectorAll = whole; }
    });
  }

  // htmx:load fires on each element htmx adds (an outerHTML swap detaches the old target, so
  // its afterSwap never reaches the document); it also fires once for <body> at start-up,
  // which KRDS's own DOMContentLoaded handler has already initialised.
  document.addEventListener("htmx:load", function (event) {
    var added = event.detail && event.detail.elt;
    if (!added || added.nodeType !== 1 || added === document.body) return;
    initialise(added);
    if (focusResults) {
      focusResults = false;
      var heading = added.querySelector ? added.querySelector("#results-title") : null;
      if (heading) heading.focus();
    }
  });

  // After a page link of the results, move focus to the results' heading, so that keyboard
  // and screen-reader users start reading the new page (a filter change leaves focus on the
  // filter, so several can be changed in a row).
  document.addEventListener("htmx:beforeRequest", function (event) {
    var source = event.detail && event.detail.elt;
    focusResults = Boolean(source && source.closest && source.closest(".krds-pagination"));
  });
  // A printable page's "print" button (the assisted-login letter): without JavaScript the
  // browser's own print command does the same.
  document.addEventListener("click", function (event) {
    var button = event.target && event.target.closest ? event.target.closest("[data-print]") : null;
    if (button) window.print();
  });
})();
