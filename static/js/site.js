/* The public site's only script (loaded with defer; the CSP allows no inline script).
   The phone menu: the button shows and hides the menu; CSS hides the menu only where
   scripting is on (@media (scripting: enabled)), so without this file nothing is lost. */
(function () {
  "use strict";
  var button = document.querySelector(".menu-button");
  var menu = button && document.getElementById(button.getAttribute("aria-controls"));
  if (!menu) return;
  function set(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    menu.classList.toggle("is-open", open);
  }
  button.addEventListener("click", function () {
    set(button.getAttribute("aria-expanded") !== "true");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      set(false);
      button.focus();
    }
  });
})();
