// Small progressive enhancements. Every page works without this file.
(function () {
  'use strict';

  // Hand the CSRF token to htmx so its POSTs pass Spring Security's CSRF check.
  document.addEventListener('htmx:configRequest', function (event) {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) {
      event.detail.headers[header.content] = token.content;
    }
  });

  // Copy buttons: <button data-copy-target="input-id">.
  document.addEventListener('click', function (event) {
    var button = event.target.closest('[data-copy-target]');
    if (!button) {
      return;
    }
    var input = document.getElementById(button.getAttribute('data-copy-target'));
    if (input && navigator.clipboard) {
      navigator.clipboard.writeText(input.value);
    }
  });
})();
