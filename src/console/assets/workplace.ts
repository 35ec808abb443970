/**
 * The stylesheet and the script of the engineer's phone pages (served from /console/assets/; the CSP
 * allows no inline ones). The script draws the customer's signature on a canvas with a finger, a pen
 * or a mouse, and puts it into the form as a PNG when it is sent.
 */
export const workplaceCss = `
.day { display: grid; gap: 1rem; }
.visit-card { border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem; overflow-wrap: anywhere; }
.visit-card h2 { margin: 0 0 .3rem; font-size: 1.1rem; display: flex; gap: .6rem; flex-wrap: wrap; }
.visit-card .window { font-variant-numeric: tabular-nums; }
.visit-card dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem .6rem; margin: .4rem 0; }
.visit-card dl.facts dd { margin: 0; }
.visit-card a.call { display: inline-block; padding: .2rem .5rem; border: 1px solid var(--accent); border-radius: 4px; text-decoration: none; }
.steps { display: flex; gap: .6rem; flex-wrap: wrap; align-items: center; }
.steps p { margin: 0; }
.steps button, form.stack button { min-height: 44px; min-width: 44px; }
form.stack { display: flex; flex-direction: column; gap: .4rem; align-items: flex-start; margin: .5rem 0; }
form.stack input[type=file] { max-width: 100%; }
canvas.sig { border: 1px dashed var(--muted); touch-action: none; width: 100%; max-width: 340px; height: auto; background: #fff; }
img.signature { max-width: 100%; border: 1px solid var(--line); }
.buttons { display: flex; gap: .5rem; flex-wrap: wrap; }
.record-on-phone fieldset { min-width: 0; }
.record-on-phone textarea, .record-on-phone input, .record-on-phone select { width: 100%; }
.record-on-phone fieldset.rows input.wide { min-width: 0; }
`;

export const signatureJs = `'use strict';
(function () {
  var canvas = document.getElementById('sig-pad');
  var field = document.getElementById('sig-data');
  if (!canvas || !field) return;
  var pen = canvas.getContext('2d');
  var drawing = false;
  var drawn = false;
  pen.lineWidth = 2.5;
  pen.lineCap = 'round';
  pen.strokeStyle = '#111';
  function at(event) {
    var box = canvas.getBoundingClientRect();
    return { x: (event.clientX - box.left) * canvas.width / box.width, y: (event.clientY - box.top) * canvas.height / box.height };
  }
  canvas.addEventListener('pointerdown', function (event) {
    drawing = true;
    canvas.setPointerCapture(event.pointerId);
    var p = at(event);
    pen.beginPath();
    pen.moveTo(p.x, p.y);
  });
  canvas.addEventListener('pointermove', function (event) {
    if (!drawing) return;
    var p = at(event);
    pen.lineTo(p.x, p.y);
    pen.stroke();
    drawn = true;
  });
  function stop() { drawing = false; }
  canvas.addEventListener('pointerup', stop);
  canvas.addEventListener('pointercancel', stop);
  var clear = document.querySelector('[data-sig-clear]');
  if (clear) clear.addEventListener('click', function () {
    pen.clearRect(0, 0, canvas.width, canvas.height);
    drawn = false;
    field.value = '';
  });
  canvas.closest('form').addEventListener('submit', function (event) {
    if (!drawn) { event.preventDefault(); canvas.focus(); return; }
    field.value = canvas.toDataURL('image/png');
  });
})();
`;
