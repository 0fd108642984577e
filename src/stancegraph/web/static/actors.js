// The actors page: each correction form posts to /api/actors/<op> and reloads on success.
import { notice, post } from './common.js';

for (const form of document.querySelectorAll('form.actor-op')) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = Object.fromEntries(new FormData(form).entries());
    try {
      const answer = await post(`/api/actors/${form.dataset.op}`, body);
      sessionStorage.setItem('stancegraph-notice', answer.message);
      window.location.reload();
    } catch (err) {
      notice(err.message, { error: true });
    }
  });
}
const left = sessionStorage.getItem('stancegraph-notice');
if (left) { notice(left); sessionStorage.removeItem('stancegraph-notice'); }
document.body.dataset.ready = 'true'; // the page's handlers are in place (tests wait for it)
