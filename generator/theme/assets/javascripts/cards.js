/*
 * Rubric cards on the site: the "Print this card" button prints the page, whose print
 * styles (cards.css) leave only the card. One delegated listener on the document, so it
 * keeps working if the theme swaps page content without a reload (instant navigation).
 * No inline event handlers: the page works under a strict Content-Security-Policy.
 */
(function () {
  "use strict";
  // Loaded twice (a theme override listing it again)? Wire the button once.
  if (window.__rubricateCards) {
    return;
  }
  window.__rubricateCards = true;
  document.addEventListener("click", function (event) {
    var target = event.target;
    var button = target && target.closest ? target.closest("button.rb-print") : null;
    if (!button || event.defaultPrevented) {
      return;
    }
    event.preventDefault();
    window.print();
  });
})();
