/**
 * Who a contract belongs to, as the bot knows customers: the phone and email identities of its
 * contact (voice and SMS from one number are one customer). The first is the primary one: visit
 * invitations and the staff renewal reminder go through it, once.
 */
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { customerIdFor, identityOf } from '../conversation/keys.js';
import type { ContractInput } from '../policy/contract.js';
import type { ChannelKind } from '../port/messages.js';

export interface ContractHolder {
  channel: ChannelKind;
  address: string;
  identity: string;
  customerId: string;
}

/** The holders, or the problem with the phone number (reported per field, like zod's). */
export function contractHolders(
  customer: ContractInput['customer'],
  region: string,
): { holders: ContractHolder[]; problem?: string } {
  const holders: ContractHolder[] = [];
  if (customer.phone) {
    const phone = parsePhoneNumberFromString(customer.phone, region as CountryCode);
    if (!phone?.isValid())
      return { holders, problem: `customer.phone: ${customer.phone} is not a valid phone number` };
    const identity = identityOf('sms', phone.number);
    holders.push({ channel: 'sms', address: phone.number, identity, customerId: customerIdFor(identity) });
  }
  if (customer.email) {
    const address = customer.email.trim().toLowerCase();
    const identity = identityOf('email', address);
    holders.push({ channel: 'email', address, identity, customerId: customerIdFor(identity) });
  }
  return { holders };
}
