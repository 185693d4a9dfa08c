// The release form's live preview: a moment after the text changes, the server renders it with the pipeline ingestion
// uses (Markdown and the sanitizer), and the answer replaces the preview. Without this script the form works as before:
// "Preview the release" shows the whole release as it will look.
(() => {
  'use strict';
  const text = document.getElementById('body');
  const section = document.getElementById('body-preview-section');
  const target = document.getElementById('body-preview');
  const status = document.getElementById('body-preview-status');
  if (!text || !section || !target || !status || !text.form) {
    return;
  }

  const token = text.form.elements.namedItem('antiforgery');
  let timer = 0;
  let asked = 0;

  const render = async () => {
    const mine = ++asked;
    const data = new FormData();
    data.append('antiforgery', token ? token.value : '');
    data.append('body', text.value);
    try {
      const answer = await fetch(section.dataset.endpoint, {
        method: 'POST', body: data, credentials: 'same-origin', redirect: 'manual', headers: { Accept: 'application/json' },
      });
      if (mine !== asked) {
        return;
      }

      if (!answer.ok) {
        status.textContent = answer.status === 413
          ? 'The text is too long for the live preview; "Preview the release" still shows it.'
          : 'The live preview is not available now (sign in again if your session ended); "Preview the release" still shows the text.';
        return;
      }

      const result = await answer.json();
      if (mine === asked) {
        // The server's HTML went through the same allow-list sanitizer as every release; the page allows no inline script.
        target.innerHTML = result.html;
        status.textContent = result.problem || (result.html ? '' : 'Type the text to see it here.');
      }
    } catch {
      if (mine === asked) {
        status.textContent = 'The live preview is not available now; "Preview the release" still shows the text.';
      }
    }
  };

  section.hidden = false;
  text.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(render, 400);
  });
  render();
})();
