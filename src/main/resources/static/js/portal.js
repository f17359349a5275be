// Progressive enhancement only: every page works without it.
document.addEventListener('DOMContentLoaded', function () {
  var summary = document.getElementById('error-summary');
  if (summary) {
    var firstInvalid = document.querySelector('[aria-invalid="true"]');
    (firstInvalid || summary).focus();
  }
  var letter = document.getElementById('letter-download');
  var submit = document.getElementById('submit-application');
  if (letter && submit) {
    letter.addEventListener('click', function () {
      setTimeout(function () { submit.disabled = false; }, 1500);
      var pickupForm = document.getElementById('pickup-form');
  if (pickupForm) {
    pickupForm.addEventListener('submit', function () {
      var started = document.getElementById('pickup-started');
      setTimeout(function () {
        started.hidden = false;
        pickupForm.querySelectorAll('input[type=password]').forEach(function (input) { input.value = ''; });
      }, 500);
    });
  }
});
  }
  var pickupForm = document.getElementById('pickup-form');
  if (pickupForm) {
    pickupForm.addEventListener('submit', function () {
      var started = document.getElementById('pickup-started');
      setTimeout(function () {
        started.hidden = false;
        pickupForm.querySelectorAll('input[type=password]').forEach(function (input) { input.value = ''; });
      }, 500);
    });
  }
});
