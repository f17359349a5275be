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
    });
  }
});
