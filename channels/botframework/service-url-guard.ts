/**
 * Without an app id botbuilder accepts any activity and POSTs its replies to the serviceUrl the activity
 * names, so an open endpoint would let anyone make the bot call any URL (server-side request forgery).
 * In that mode only loopback serviceUrls (the Emulator, a local stand-in) and configured origins pass.
 */
import { isIP } from 'node:net';

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || host === '::ffff:127.0.0.1';
  return false;
}

/** Null when the serviceUrl may be called; otherwise why not. */
export function serviceUrlRefusal(serviceUrl: unknown, allowedOrigins: readonly string[]): string | null {
  if (typeof serviceUrl !== 'string' || serviceUrl === '') return 'no serviceUrl';
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return 'serviceUrl is not a URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'serviceUrl is not http(s)';
  if (isLoopbackHost(url.hostname) || allowedOrigins.includes(url.origin)) return null;
  return `serviceUrl ${url.origin} is neither loopback nor on BOTFRAMEWORK_SERVICE_URLS`;
}
