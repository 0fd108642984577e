// The actors page: each correction form posts to /api/actors/<op> and reloads on success
// (a deletion asks first, and goes back to the list: the deleted actor has no page).
import { notice, post } from './common.js';

for (const form of document.querySelectorAll('form.actor-op')) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = Object.fromEntries(new FormData(form).entries());
    const deleting = form.dataset.op === 'delete';
    if (deleting && !window.confirm(`Delete ${body.name}? Its quotes, statements and events keep their text and lose it as their actor.`)) return;
    try {
      const answer = await post(`/api/actors/${form.dataset.op}`, body);
      sessionStorage.setItem('stancegraph-notice', answer.message);
      if (deleting) window.location.assign('/actors');
      else window.location.reload();
    } catch (err) {
      notice(err.message, { error: true });
    }
  });
}
const left = sessionStorage.getItem('stancegraph-notice');
if (left) { notice(left); sessionStorage.removeItem('stancegraph-notice'); }
document.body.dataset.ready = 'true'; // the page's handlers are in place (tests wait for it)
