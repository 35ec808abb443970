/**
 * How staff see a customer: by name and phone (`张伟 · +86 138 0013 8000`), not by an internal identity
 * such as `chat:webchat-local:u-…`. Falls back to the email address, then to what the caller calls an
 * unnamed customer of that channel with a short tail of the id, so two unnamed ones still differ.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';

export interface CustomerLabelParts {
  id: string;
  name?: string | null;
  phone?: string | null;
  email?: string | null;
}

/** `+8613800138000` → `+86 138 0013 8000`; anything unparsable as it was written. */
export function formatPhone(phone: string): string {
  return parsePhoneNumberFromString(phone)?.formatInternational() ?? phone;
}

export function customerLabel(parts: CustomerLabelParts, unnamed: string): string {
  const contact = parts.phone ? formatPhone(parts.phone) : (parts.email ?? null);
  const name = parts.name?.trim() || null;
  if (name && contact) return `${name} · ${contact}`;
  return name ?? contact ?? `${unnamed} ${parts.id.slice(-6)}`;
}

/** The phone and email among a customer's identities (`phone:+86…`, `email:…`). */
export function contactOf(identities: readonly string[]): { phone: string | null; email: string | null } {
  const phone = identities.find((identity) => identity.startsWith('phone:'))?.slice('phone:'.length) ?? null;
  const email = identities.find((identity) => identity.startsWith('email:'))?.slice('email:'.length) ?? null;
  return { phone, email };
}
