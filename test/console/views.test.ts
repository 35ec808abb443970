/**
 * The escaping template and the timeline's handling of untrusted values: customer text, file names and
 * attachment URLs from providers never become markup or a script link.
 */
import { describe, expect, it } from 'vitest';
import type { Case } from '../../src/cases/types.js';
import type { CaseLabels } from '../../src/console/case-labels.js';
import { html } from '../../src/console/html.js';
import { langFromHeader, words } from '../../src/console/i18n.js';
import { timelineFragment } from '../../src/console/views/case.js';
import { scriptJson } from '../../src/console/views/kpi-charts.js';
import type { PageContext } from '../../src/console/views/layout.js';
import { dueCell } from '../../src/console/views/queue.js';
import type { CaseDetail } from '../../src/staff/case-detail.js';

const ctx: PageContext = {
  w: words.en,
  lang: 'en',
  staff: null,
  csrf: 't',
  now: new Date('2026-11-26T02:00:00Z'),
  zone: 'Asia/Shanghai',
};
const labels: CaseLabels = { intent: (id) => id, slot: (name) => name, choice: (_slot, value) => value };

describe('console views', () => {
  it('escapes every interpolated value, but not markup built by the template itself', () => {
    const text = `<img src=x onerror="alert(1)"> & 'quoted'`;
    expect(html`<p title="${text}">${text}</p>${html`<b>ok</b>`}`.value).toBe(
      '<p title="&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;quoted&#39;">&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;quoted&#39;</p><b>ok</b>',
    );
  });

  it('links only web and same-app attachment URLs, and previews images kept by the app', () => {
    const detail = {
      case: { status: 'assigned', owner: 'staff:alice', priority: 'normal' } as unknown as Case,
      customer: null,
      deadline: null,
      warranty: null,
      audit: [],
      transcript: [
        {
          at: '2026-11-26T01:00:00Z',
          kind: 'in',
          channel: 'email',
          text: 'photos',
          meta: {
            attachments: [
              { url: 'javascript:alert(1)', filename: 'evil' },
              { url: '/channels/email/attachments/abc', filename: 'a<b>.png', contentType: 'image/png' },
              { url: 'https://files.example/x.pdf', filename: 'x.pdf' },
            ],
          },
        },
      ],
    } as CaseDetail;
    const out = timelineFragment(ctx, detail, labels).value;
    expect(out).not.toContain('href="javascript:');
    expect(out).toContain('Attachment: evil');
    expect(out).toContain('<a href="/channels/email/attachments/abc"');
    expect(out).toContain('<img class="preview" src="/channels/email/attachments/abc" alt="a&lt;b&gt;.png">');
    expect(out).toContain('<a href="https://files.example/x.pdf"');
    // Times show in the business timezone.
    expect(out).toContain('2026-11-26 09:00');
  });

  it('marks a deadline amber within the hour and red once breached', () => {
    expect(dueCell(ctx, '2026-11-26T02:30:00Z').value).toContain('class="due amber"');
    expect(dueCell(ctx, '2026-11-26T01:59:00Z').value).toContain('class="due red"');
    expect(dueCell(ctx, '2026-11-26T05:00:00Z').value).toContain('class="due "');
  });

  it('takes the first language the console speaks from Accept-Language', () => {
    expect(langFromHeader('fr-FR, zh-CN;q=0.8, en;q=0.5')).toBe('zh');
    expect(langFromHeader('de')).toBe('en');
    expect(langFromHeader(undefined)).toBe('en');
  });

  it('puts chart data in a JSON block that no value can close or comment out', () => {
    const evil = '</script><script>alert(1)</script><!-- \u2028';
    const out = scriptJson({ label: evil }).value;
    expect(out).not.toMatch(/[<>&]/);
    expect(JSON.parse(out)).toEqual({ label: evil });
  });
});
