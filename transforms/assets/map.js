/* Map page: zoom and pan of the map drawn at build time (map.xsl), by changing the SVG's
   viewBox. Buttons; keys on the focused map (+ and - zoom, arrows move, 0 resets); the
   mouse wheel zooms at the pointer; dragging moves. --map-scale (user units per CSS pixel)
   keeps labels and markers the same size on screen (map.css). Without this script the
   whole map is shown. */
const svg = document.getElementById("map-svg");
const controls = document.querySelector("[data-map-controls]");
const STEP = 1.5; // zoom factor of one step
const MAX_ZOOM = 12;
const full = { x: 0, y: 0, w: Number(svg.dataset.width), h: Number(svg.dataset.height) };
let view = { ...full };

function clamp(v) {
  const w = Math.min(full.w, Math.max(full.w / MAX_ZOOM, v.w));
  const h = w * (full.h / full.w);
  const x = Math.min(full.x + full.w - w, Math.max(full.x, v.x));
  const y = Math.min(full.y + full.h - h, Math.max(full.y, v.y));
  return { x, y, w, h };
}

function scale() {
  const width = svg.getBoundingClientRect().width || full.w;
  svg.style.setProperty("--map-scale", String(view.w / width));
}

function show(next) {
  view = clamp(next);
  svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].map((n) => n.toFixed(2)).join(" "));
  scale();
}

/* zoom by `factor` (>1 zooms in) around the point (fx, fy), fractions of the view */
function zoom(factor, fx = 0.5, fy = 0.5) {
  const w = view.w / factor;
  const h = view.h / factor;
  show({ x: view.x + (view.w - w) * fx, y: view.y + (view.h - h) * fy, w, h });
}

function pan(dx, dy) {
  show({ ...view, x: view.x + dx * view.w, y: view.y + dy * view.h });
}

controls.hidden = false;
svg.setAttribute("tabindex", "0");
svg.setAttribute("aria-describedby", "map-help");
controls.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-zoom]");
  if (!button) return;
  const action = button.dataset.zoom;
  if (action === "in") zoom(STEP);
  else if (action === "out") zoom(1 / STEP);
  else show(full);
});

svg.addEventListener("keydown", (event) => {
  if (event.target !== svg && !["+", "=", "-", "_", "0"].includes(event.key)) return;
  const moves = { ArrowLeft: [-0.2, 0], ArrowRight: [0.2, 0], ArrowUp: [0, -0.2], ArrowDown: [0, 0.2] };
  if (event.key === "+" || event.key === "=") zoom(STEP);
  else if (event.key === "-" || event.key === "_") zoom(1 / STEP);
  else if (event.key === "0") show(full);
  else if (moves[event.key]) pan(...moves[event.key]);
  else return;
  event.preventDefault();
});

svg.addEventListener("wheel", (event) => {
  const box = svg.getBoundingClientRect();
  event.preventDefault();
  zoom(event.deltaY < 0 ? 1.25 : 0.8, (event.clientX - box.left) / box.width,
       (event.clientY - box.top) / box.height);
}, { passive: false });

let drag = null;
svg.addEventListener("pointerdown", (event) => {
  if (event.button !== 0) return;
  drag = { x: event.clientX, y: event.clientY, view: { ...view }, moved: false, id: event.pointerId };
});
svg.addEventListener("pointermove", (event) => {
  if (!drag || event.pointerId !== drag.id) return;
  const dx = event.clientX - drag.x;
  const dy = event.clientY - drag.y;
  if (!drag.moved && Math.hypot(dx, dy) < 4) return;
  if (!drag.moved) {
    drag.moved = true;
    svg.setPointerCapture(event.pointerId);
    svg.classList.add("map-dragging");
  }
  const box = svg.getBoundingClientRect();
  show({ ...drag.view, x: drag.view.x - dx * (drag.view.w / box.width),
         y: drag.view.y - dy * (drag.view.h / box.height) });
});
function endDrag(event) {
  if (!drag || event.pointerId !== drag.id) return;
  if (drag.moved) {
    svg.classList.remove("map-dragging");
    // a drag that ends on a marker is not a click on its link
    const swallow = (e) => e.preventDefault();
    svg.addEventListener("click", swallow, { capture: true, once: true });
    setTimeout(() => svg.removeEventListener("click", swallow, { capture: true }), 0);
  }
  drag = null;
}
svg.addEventListener("pointerup", endDrag);
svg.addEventListener("pointercancel", endDrag);

new ResizeObserver(scale).observe(svg);
show(full);
