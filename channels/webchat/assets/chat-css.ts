/** The chat page's stylesheet: one column, readable on a phone, visible focus, no external fonts. */
export const CHAT_CSS = `*{box-sizing:border-box}
html,body{margin:0;height:100%}
body{font:16px/1.5 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#f3f4f6;color:#111827}
.chat{display:flex;flex-direction:column;height:100vh;height:100dvh;max-width:48rem;margin:0 auto;background:#fff}
.chat-header{padding:.75rem 1rem;border-bottom:1px solid #e5e7eb;background:#1d4ed8;color:#fff}
.chat-header h1{margin:0;font-size:1.1rem}
.case-bar{margin:.25rem 0 0;font-size:.9rem}
.log{flex:1;overflow-y:auto;list-style:none;margin:0;padding:1rem;display:flex;flex-direction:column;gap:.5rem}
.msg{max-width:85%;padding:.5rem .75rem;border-radius:.75rem;white-space:pre-wrap;word-wrap:break-word}
.msg.customer{align-self:flex-end;background:#dbeafe}
.msg.bot{align-self:flex-start;background:#f3f4f6}
.msg.staff{align-self:flex-start;background:#dcfce7;border:1px solid #86efac}
.msg .who{display:block;font-size:.75rem;color:#4b5563}
.choices{display:flex;flex-wrap:wrap;gap:.5rem;margin-top:.5rem}
.choices button,.composer button{font:inherit;padding:.5rem .9rem;border-radius:999px;border:1px solid #1d4ed8;background:#fff;color:#1d4ed8;min-height:44px;cursor:pointer}
.choices button:disabled{opacity:.5;cursor:default}
.composer button{background:#1d4ed8;color:#fff;border-radius:.5rem}
button:focus-visible,textarea:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.typing{margin:0 1rem .25rem;color:#6b7280;font-size:.9rem}
.notice{margin:0 1rem .5rem;color:#b91c1c}
.composer{display:flex;gap:.5rem;padding:.75rem;border-top:1px solid #e5e7eb;padding-bottom:max(.75rem,env(safe-area-inset-bottom))}
.composer textarea{flex:1;font:inherit;padding:.5rem;border:1px solid #9ca3af;border-radius:.5rem;resize:none;min-height:44px}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;
