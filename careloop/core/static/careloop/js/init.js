// Start GOV.UK Frontend's components, and again on content htmx swaps in.
import { initAll } from "/static/build/govuk-frontend.min.js";

initAll();
document.addEventListener("htmx:afterSettle", (event) => {
  initAll({ scope: event.target });
});
