/**
 * The chat page: plain HTML, one stylesheet and one script, all served by the app (no CDN). The
 * script fills in the texts in the visitor's language; without it the page says it needs JavaScript.
 */
export const chatPage = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<title>在线客服 · Support chat</title>
<link rel="stylesheet" href="/chat/assets/chat.css">
<script src="/chat/assets/chat.js" defer></script>
</head>
<body>
<main class="chat" aria-labelledby="chat-title">
  <header class="chat-header">
    <h1 id="chat-title" data-text="title">在线客服 · Support chat</h1>
    <p id="case-bar" class="case-bar" role="status" aria-live="polite" hidden></p>
  </header>
  <ol id="log" class="log" role="log" aria-live="polite" aria-relevant="additions" aria-label="Messages"></ol>
  <p id="typing" class="typing" hidden data-text="typing">…</p>
  <p id="notice" class="notice" role="alert" hidden></p>
  <form id="composer" class="composer" autocomplete="off">
    <label for="input" class="visually-hidden" data-text="label">Your message</label>
    <textarea id="input" name="text" rows="1" maxlength="2000" required></textarea>
    <button id="send" type="submit" data-text="send">Send</button>
  </form>
  <noscript><p class="notice">This chat needs JavaScript. 本页面需要启用 JavaScript。</p></noscript>
</main>
</body>
</html>
`;
