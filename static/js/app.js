// Application script. Kept external: the Content Security Policy allows no inline scripts.

// htmx posts carry the CSRF token of the page.
document.addEventListener("htmx:configRequest", (event) => {
  const token = document.querySelector("input[name=csrfmiddlewaretoken]");
  if (token) event.detail.headers["X-CSRFToken"] = token.value;
});

// Plain (non-htmx) forms that need a second thought: <form data-confirm="question">.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || form.hasAttribute("hx-post")) return;
  const question = form.dataset.confirm;
  if (question && !window.confirm(question)) event.preventDefault();
});

// After an in-place edit, bring the swapped row or form into view and focus its first field.
document.addEventListener("htmx:afterSwap", (event) => {
  const target = event.detail.elt;
  if (!(target instanceof HTMLElement)) return;
  const form = target.matches(".objective-editing") ? target : target.querySelector(".objective-editing");
  if (form) {
    form.scrollIntoView({ block: "nearest" });
    const field = form.querySelector("textarea, input:not([type=hidden]), select");
    if (field) field.focus({ preventScroll: true });
  }
});

// An htmx request the server refused (403, 404, 500…) swaps nothing: say so, keep the input.
document.addEventListener("htmx:responseError", (event) => {
  const box = document.getElementById("messages");
  const text = document.body.dataset.requestFailed;
  if (!box || !text) return;
  const alert = document.createElement("div");
  alert.className = "alert alert-danger";
  alert.setAttribute("role", "alert");
  alert.dataset.testid = "message";
  alert.textContent = text.replace("%(status)s", String(event.detail.xhr.status));
  box.replaceChildren(alert);
  box.scrollIntoView({ block: "nearest" });
});

// "Add a row" of a Django formset: <button data-formset-add="PREFIX"> next to a
// <template data-formset-empty> holding the formset's empty form (its __prefix__ index).
// Without script the button stays hidden and the formset's one blank row remains.
document.addEventListener("click", (event) => {
  const button = event.target instanceof Element ? event.target.closest("[data-formset-add]") : null;
  if (!button) return;
  const scope = button.parentElement;
  const total = scope.querySelector(`input[name="${button.dataset.formsetAdd}-TOTAL_FORMS"]`);
  const empty = scope.querySelector("template[data-formset-empty]");
  const rows = scope.querySelector("[data-formset-rows]");
  if (!total || !empty || !rows) return;
  const index = Number(total.value);
  const html = empty.innerHTML.replaceAll("__prefix__", String(index));
  rows.insertAdjacentHTML("beforeend", html);
  total.value = String(index + 1);
  const added = rows.lastElementChild;
  const field = added && added.querySelector("input:not([type=hidden]):not([name$=ORDER]), select, textarea");
  if (field) field.focus();
});

// Show the "add" buttons only where the script runs (also in content htmx swaps in).
const revealFormsetButtons = (root) => {
  root.querySelectorAll("[data-formset-add][hidden]").forEach((button) => button.removeAttribute("hidden"));
};
document.addEventListener("DOMContentLoaded", () => revealFormsetButtons(document));
document.addEventListener("htmx:afterSettle", () => revealFormsetButtons(document));

// "Cho năm" of a copy follows the chosen source: <input data-next-year-of="SELECT NAME">, each
// option carrying data-next-year (the year after the copied set's).
document.addEventListener("change", (event) => {
  const select = event.target;
  if (!(select instanceof HTMLSelectElement)) return;
  const option = select.selectedOptions[0];
  if (!option || !option.dataset.nextYear) return;
  document.querySelectorAll(`input[data-next-year-of="${select.name}"]`).forEach((input) => {
    input.value = option.dataset.nextYear;
  });
});

// A scale whose words depend on another field (a risk's impact reads as harm, an
// opportunity's as benefit): <select data-labels-by="FIELD NAME" data-labels='{"value": [...]}'>.
document.addEventListener("change", (event) => {
  const changed = event.target;
  if (!(changed instanceof HTMLSelectElement)) return;
  document.querySelectorAll(`select[data-labels-by="${changed.name}"]`).forEach((select) => {
    const labels = JSON.parse(select.dataset.labels || "{}")[changed.value];
    if (!labels) return;
    Array.from(select.options).forEach((option, index) => {
      if (labels[index] !== undefined) option.textContent = labels[index];
    });
  });
});

// The refused form of an edit conflict offers, per field both people changed, "keep what is
// saved" or "mine": <input type=radio data-conflict-input="FIELD NAME">. Editing that field
// again chooses "mine", so that what is typed now is what is saved.
const chooseMine = (event) => {
  const field = event.target;
  if (!(field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement || field instanceof HTMLSelectElement)) return;
  if (!field.name || !field.form || field.name.startsWith("keep-")) return;
  document.querySelectorAll(`input[data-conflict-input="${CSS.escape(field.name)}"]`).forEach((radio) => {
    if (radio.form === field.form) radio.checked = true;
  });
};
document.addEventListener("input", chooseMine);
document.addEventListener("change", chooseMine);
