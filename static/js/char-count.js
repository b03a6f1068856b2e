// Live character count under every multi-line box with a length limit: <textarea
// data-max-length="4000" data-max-length-text="%(count)s / %(limit)s ký tự"> (the text comes
// translated from the form field, qms_objectives.fields.CleanCharField). The box has no
// `maxlength`, so a paste is never cut: the count turns red and the server says what is wrong.
// Kept external: the Content Security Policy allows no inline scripts.

(() => {
  // As the server counts: code points after NFC, a line break sent as CR LF.
  const length = (text) => [...text.normalize("NFC")].length + (text.match(/\n/g) || []).length;

  const update = (box) => {
    const counter = box.charCountElement;
    if (!counter) return;
    const limit = Number(box.dataset.maxLength);
    const count = length(box.value);
    const locale = document.documentElement.lang || undefined;
    counter.textContent = (box.dataset.maxLengthText || "%(count)s / %(limit)s")
      .replace("%(count)s", count.toLocaleString(locale))
      .replace("%(limit)s", limit.toLocaleString(locale));
    const over = count > limit;
    counter.classList.toggle("text-danger", over);
    counter.classList.toggle("fw-semibold", over);
    counter.classList.toggle("text-body-secondary", !over);
  };

  const attach = (root) => {
    if (!(root instanceof Element || root instanceof Document)) return;
    root.querySelectorAll("textarea[data-max-length]").forEach((box) => {
      if (box.charCountElement) return;
      const counter = document.createElement("div");
      counter.className = "form-text text-end small char-count";
      counter.setAttribute("aria-live", "polite");
      counter.dataset.testid = "char-count";
      box.insertAdjacentElement("afterend", counter);
      box.charCountElement = counter;
      update(box);
    });
  };

  document.addEventListener("input", (event) => {
    if (event.target instanceof HTMLTextAreaElement) update(event.target);
  });
  // The first page, and every form htmx swaps in (the editor's in-place forms).
  document.addEventListener("DOMContentLoaded", () => attach(document));
  document.addEventListener("htmx:load", (event) => attach(event.detail.elt));
})();
