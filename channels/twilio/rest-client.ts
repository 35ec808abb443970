/**
 * The Twilio REST client. Requests go through the SDK's own RequestClient (axios, Basic auth, form
 * encoding), so what leaves the process is what Twilio expects; with TWILIO_API_BASE_URL set, the
 * host part of every request is swapped for that base (a proxy, or the local stand-in the tests run).
 */
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';

/** How long one REST call may take before it counts as a (temporary) failure. */
const REQUEST_TIMEOUT_MS = 15_000;

/** A RequestClient that sends every request to `baseUrl` instead of *.twilio.com, path and query kept. */
export class BaseUrlRequestClient extends twilio.RequestClient {
  constructor(
    private readonly baseUrl: string,
    options: RequestClient.RequestClientOptions = {},
  ) {
    super(options);
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const original = new URL(opts.uri);
    return super.request<TData>({ ...opts, uri: `${this.baseUrl}${original.pathname}${original.search}` });
  }
}

export function createTwilioClient(options: {
  accountSid: string;
  authToken: string;
  apiBaseUrl?: string;
}): twilio.Twilio {
  const httpClient = options.apiBaseUrl
    ? new BaseUrlRequestClient(options.apiBaseUrl, { timeout: REQUEST_TIMEOUT_MS })
    : new twilio.RequestClient({ timeout: REQUEST_TIMEOUT_MS });
  return twilio(options.accountSid, options.authToken, { httpClient });
}
