/** Whether a console page fits a phone: it must not scroll sideways. */
import type { Page } from 'playwright-core';

/** How far the page scrolls sideways (0 when it fits the viewport). */
export async function sidewaysScroll(page: Page): Promise<number> {
  return (await page.evaluate('document.scrollingElement.scrollWidth - window.innerWidth')) as number;
}
