// Starts Swagger UI on /api/v1/docs/ from a static file (the site's CSP allows no inline
// script): its settings come from the page's data-settings attribute (api/main.py).
(function () {
  "use strict";
  var element = document.getElementById("swagger-ui");
  var config = JSON.parse(element.dataset.settings);
  config.dom_id = "#swagger-ui";
  config.presets = [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset];
  window.ui = SwaggerUIBundle(config);
})();
