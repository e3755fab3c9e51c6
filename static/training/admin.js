// Small helpers for the training screens in the admin: "select all" on the roster, and the
// self check-in code screen reloading itself when its code rotates.
(function () {
  var all = document.querySelector("[data-select-all]");
  if (all) {
    all.addEventListener("change", function () {
      document.querySelectorAll("input[name=registration]").forEach(function (box) { box.checked = all.checked; });
    });
  }
  var code = document.querySelector("[data-reload-after]");
  if (code) {
    setTimeout(function () { window.location.reload(); }, parseInt(code.getAttribute("data-reload-after"), 10) * 1000 + 500);
  }
})();
