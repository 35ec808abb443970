/**
 * The embeddable snippet's script (`<script src="https://YOUR-HOST/chat/embed.js" async></script>`): a
 * floating button that opens the chat in a frame from our host. It adds nothing but the button and
 * the frame to the company's page.
 */
export const EMBED_SCRIPT = `(function () {
  var script = document.currentScript;
  var origin = new URL(script ? script.src : '/', location.href).origin;
  var zh = /^zh/i.test(navigator.language || '');
  var button = document.createElement('button');
  button.type = 'button';
  button.textContent = zh ? '在线客服' : 'Chat with support';
  button.setAttribute('aria-expanded', 'false');
  button.style.cssText = 'position:fixed;right:16px;bottom:16px;z-index:2147483000;padding:12px 18px;border:0;border-radius:999px;background:#1d4ed8;color:#fff;font:16px system-ui,sans-serif;box-shadow:0 2px 8px rgba(0,0,0,.3);cursor:pointer';
  var frame = null;
  button.addEventListener('click', function () {
    if (!frame) {
      frame = document.createElement('iframe');
      frame.src = origin + '/chat';
      frame.title = zh ? '在线客服' : 'Support chat';
      frame.style.cssText = 'position:fixed;right:16px;bottom:72px;z-index:2147483000;width:min(380px,calc(100vw - 32px));height:min(600px,calc(100vh - 96px));border:1px solid #d1d5db;border-radius:12px;background:#fff;box-shadow:0 4px 16px rgba(0,0,0,.25)';
      document.body.appendChild(frame);
    } else {
      frame.hidden = !frame.hidden;
    }
    button.setAttribute('aria-expanded', String(!frame.hidden));
  });
  document.body.appendChild(button);
})();
`;
