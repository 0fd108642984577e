// Shared by every page: POST with the CSRF token, retrying while the store is busy (503),
// and a one-line notice at the top of the page. Imported as a module; nothing runs inline.

const csrf = document.querySelector('meta[name="csrf-token"]').content;

export function notice(message, { error = false } = {}) {
  const box = document.getElementById('notice');
  box.textContent = message;
  box.classList.toggle('error', error);
  box.hidden = !message;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// POST a JSON body; resolves to the answer's JSON, or throws an Error with the server's message.
export async function post(url, body, { attempts = 8 } = {}) {
  for (let attempt = 1; ; attempt += 1) {
    let answer;
    try {
      answer = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
        body: JSON.stringify(body),
        credentials: 'same-origin',
      });
    } catch (err) {
      if (attempt >= attempts) throw new Error('the workbench server does not answer');
      notice('The server does not answer; trying again…', { error: true });
      await sleep(1000 * attempt);
      continue;
    }
    if (answer.status === 503 && attempt < attempts) {
      notice('The store is busy (an ingest may be writing); trying again…', { error: true });
      await sleep(1000 * attempt);
      continue;
    }
    let data = {};
    try { data = await answer.json(); } catch (err) { data = {}; }
    if (!answer.ok) throw new Error(data.error || `the server answered ${answer.status}`);
    notice('');
    return data;
  }
}
