/* Runs the initialisers Wagtail's admin templates used to run from inline <script> tags
   (date/time choosers, inline panels), so the admin works under a Content-Security-Policy
   without 'unsafe-inline'. The templates (campaigns/security/templates/wagtailadmin/) now
   emit <script type="application/json" data-csp-init="FunctionName"> holding the arguments;
   forms added later (an inline panel's "Add" button) are picked up by a MutationObserver. */
(function () {
  "use strict";

  function run(node) {
    if (node.dataset.cspDone) return;
    var fn = node.dataset.cspInit.split(".").reduce(function (o, k) { return o && o[k]; }, window);
    if (typeof fn !== "function") return;
    node.dataset.cspDone = "1";
    var options = JSON.parse(node.textContent || "{}");
    var target = node.dataset.cspTarget;
    if (target && node.dataset.cspNew) {
      new fn(target, options); // chooser widgets: new ImageChooser(id, options)
    } else if (target) {
      fn(target, options);
    } else {
      new fn(options); // InlinePanel, MultipleChooserPanel
    }
  }

  function scan(root) {
    if (root.matches && root.matches("script[data-csp-init]")) run(root);
    if (root.querySelectorAll) root.querySelectorAll("script[data-csp-init]").forEach(run);
  }

  function start() {
    scan(document);
    new MutationObserver(function (mutations) {
      mutations.forEach(function (m) { m.addedNodes.forEach(scan); });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
