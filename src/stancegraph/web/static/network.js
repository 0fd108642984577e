// The network page's drawing: the network the page shows, fetched as JSON from its download
// address, drawn with cytoscape (served from the npm package, /vendor/cytoscape). Nodes can be
// dragged, the view zoomed and panned; a click on a node opens its statements; the slider steps
// through the time windows. Names are set as data, never as HTML.

const box = document.getElementById('graph');
const AGREEMENT = { 1: 'support', 2: 'oppose', 3: 'mixed' };

function elements(net) {
  const nodes = [];
  const edges = [];
  const rowId = (i) => `r${i}`;
  const colId = (j) => (net.network_type === 'onemode' ? `r${j}` : `c${j}`);
  net.rows.forEach((label, i) => nodes.push({ data: { id: rowId(i), label, side: 'row' } }));
  if (net.network_type !== 'onemode') {
    net.columns.forEach((label, j) => nodes.push({ data: { id: colId(j), label, side: 'column' } }));
  }
  net.matrix.forEach((row, i) => row.forEach((weight, j) => {
    if (!weight || (net.network_type === 'onemode' && j <= i)) return;
    const code = net.agreement.length ? net.agreement[i][j] : 0;
    const tie = AGREEMENT[code] || (weight < 0 ? 'oppose' : 'tie');
    edges.push({ data: { id: `e${i}-${j}`, source: rowId(i), target: colId(j), weight, tie } });
  }));
  return [...nodes, ...edges];
}

function draw(net) {
  const weights = net.matrix.flat().map(Math.abs);
  const heaviest = Math.max(1, ...weights);
  const cy = window.cytoscape({
    container: box,
    elements: elements(net),
    wheelSensitivity: 0.3,
    minZoom: 0.1,
    maxZoom: 1.5, // a small network is not blown up past its labels' size
    style: [
      { selector: 'node', style: { label: 'data(label)', 'font-size': 11, 'background-color': '#4a6fa5', width: 18, height: 18 } },
      { selector: 'node[side = "column"]', style: { shape: 'round-rectangle', 'background-color': '#b0804a' } },
      { selector: 'edge', style: { width: (e) => 1 + 5 * Math.abs(e.data('weight')) / heaviest, 'line-color': '#9aa5b1', opacity: 0.8 } },
      { selector: 'edge[tie = "support"]', style: { 'line-color': '#2e8b57' } },
      { selector: 'edge[tie = "oppose"]', style: { 'line-color': '#c0392b' } },
      { selector: 'edge[tie = "mixed"]', style: { 'line-color': '#d4a017' } },
    ],
    layout: { name: 'cose', animate: false, randomize: true, nodeDimensionsIncludeLabels: true,
              nodeRepulsion: () => 400000, idealEdgeLength: () => 80, padding: 30 },
  });
  let leaving = false; // one tap, one navigation: a second tap would cancel the first
  cy.on('tap', 'node', (event) => {
    if (leaving) return;
    leaving = true;
    const url = new URL(box.dataset.nodeUrl, window.location.href);
    url.searchParams.set('node', event.target.data('label'));
    url.hash = 'node';
    window.location.assign(url.toString());
  });
  window.stancegraphGraph = cy; // for the browser tests
  return cy;
}

async function start() {
  const answer = await fetch(box.dataset.source, { credentials: 'same-origin' });
  if (!answer.ok) { box.textContent = `The network could not be loaded (${answer.status}).`; return; }
  const data = await answer.json();
  const net = Array.isArray(data) ? data[Number(box.dataset.at) || 0] : data;
  draw(net);
  document.body.dataset.ready = 'true';
}

const slider = document.getElementById('window-slider');
if (slider) {
  slider.addEventListener('change', () => {
    const url = new URL(slider.dataset.url, window.location.href);
    url.searchParams.set('at', slider.value);
    window.location.assign(url.toString());
  });
}

start();
