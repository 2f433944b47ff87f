// Enhancements only: the forms work the same without JavaScript.
// A live character counter under the input text, and Ctrl+Enter to send a form from a text box.
(function () {
  "use strict";
  function counter(hint) {
    var box = document.getElementById(hint.getAttribute("data-counter-for"));
    if (!box) { return; }
    var limit = parseInt(hint.getAttribute("data-limit"), 10);
    function update() {
      var count = Array.from(box.value.trim()).length;
      if (count > limit) {
        hint.textContent = hint.getAttribute("data-over")
          .replace("{count}", count.toLocaleString()).replace("{over}", (count - limit).toLocaleString());
        hint.classList.add("over");
      } else {
        hint.textContent = hint.getAttribute("data-template").replace("{count}", count.toLocaleString());
        hint.classList.remove("over");
      }
    }
    box.addEventListener("input", update);
    update();
  }
  function submitOnCtrlEnter(event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && event.target.form) {
      event.preventDefault();
      event.target.form.requestSubmit();
    }
  }
  document.querySelectorAll("[data-counter-for]").forEach(counter);
  document.querySelectorAll("textarea[data-ctrl-enter]").forEach(function (box) {
    box.addEventListener("keydown", submitOnCtrlEnter);
  });
}());
