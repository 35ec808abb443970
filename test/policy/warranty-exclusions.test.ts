import { describe, it } from 'vitest';
import { checkRow, day, on, type Row } from './warranty-helpers.js';

/** Causes that make a repair paid, proof of purchase, dead on arrival, and the 30-day repair redo. */
const rows: Row[] = [
  // Exclusions make it paid, whatever the dates say.
  [
    'dropped, within 7 days',
    { purchaseDate: day('2026-03-15'), exclusions: ['accident'], today: on('2026-03-16') },
    'paid_repair',
    'exclusion:accident',
  ],
  [
    'lightning, date unknown',
    { exclusions: ['force_majeure'], today: on('2026-03-16') },
    'paid_repair',
    'exclusion:force_majeure',
  ],
  [
    'first cause in policy order',
    { purchaseDate: day('2026-01-15'), exclusions: ['virus', 'accident'], today: on('2026-03-16') },
    'paid_repair',
    'exclusion:accident',
  ],
  [
    'commercial use of a laptop',
    { purchaseDate: day('2026-01-15'), exclusions: ['commercial_use'], today: on('2026-03-16') },
    'paid_repair',
    'exclusion:commercial_use',
  ],
  [
    'commercial use of a server is normal',
    {
      category: 'server',
      purchaseDate: day('2026-01-15'),
      exclusions: ['commercial_use'],
      today: on('2026-03-16'),
    },
    'free_repair',
    'unit_period',
  ],
  [
    'an exclusion id the policy does not know',
    { purchaseDate: day('2026-01-15'), exclusions: ['alien_abduction'], today: on('2026-03-16') },
    'needs_review',
    'exclusion:alien_abduction',
  ],
  [
    'customer caused the fault',
    { purchaseDate: day('2026-03-15'), performanceFault: false, today: on('2026-03-16') },
    'paid_repair',
    'customer_caused',
  ],
  // Proof of purchase (三包 Art. 9): a person checks, unless the date already decides "paid".
  [
    'no invoice, would be free',
    { purchaseDate: day('2026-01-15'), hasProofOfPurchase: false, today: on('2026-03-16') },
    'needs_review',
    'exclusion:no_proof_of_purchase',
  ],
  [
    'no invoice said in words',
    { purchaseDate: day('2026-01-15'), exclusions: ['no_proof_of_purchase'], today: on('2026-03-16') },
    'needs_review',
    'exclusion:no_proof_of_purchase',
  ],
  [
    'no invoice, expired anyway',
    {
      purchaseDate: day('2023-01-15'),
      hasProofOfPurchase: false,
      faultyPart: 'fan',
      today: on('2026-03-16'),
    },
    'paid_repair',
    'expired',
  ],
  [
    'invoice not asked yet',
    { purchaseDate: day('2026-01-15'), hasProofOfPurchase: null, today: on('2026-03-16') },
    'free_repair',
    'unit_period',
  ],
  // Dead on arrival (plan C), counted from acceptance or purchase.
  [
    'DOA on day 10',
    { purchaseDate: day('2026-03-10'), doa: true, today: on('2026-03-20') },
    'replace',
    'doa_replace',
  ],
  [
    'DOA on day 15',
    { purchaseDate: day('2026-03-10'), doa: true, today: on('2026-03-25') },
    'replace',
    'doa_replace',
  ],
  [
    'DOA claimed on day 16',
    { purchaseDate: day('2026-03-10'), doa: true, today: on('2026-03-26') },
    'free_repair',
    'unit_period',
  ],
  [
    'DOA from the acceptance date',
    { purchaseDate: day('2026-01-05'), acceptanceDate: '2026-03-01', doa: true, today: on('2026-03-10') },
    'replace',
    'doa_replace',
  ],
  ['DOA, date unknown', { doa: true, today: on('2026-03-10') }, 'needs_review', 'unknown_date'],
  [
    'DOA but dropped',
    { purchaseDate: day('2026-03-10'), doa: true, exclusions: ['accident'], today: on('2026-03-12') },
    'paid_repair',
    'exclusion:accident',
  ],
  [
    'DOA but transport damage by the buyer',
    { purchaseDate: day('2026-03-10'), doa: true, exclusions: ['transport_damage'], today: on('2026-03-12') },
    'paid_repair',
    'exclusion:transport_damage',
  ],
  [
    'DOA with a virus we shipped',
    { purchaseDate: day('2026-03-10'), doa: true, exclusions: ['virus'], today: on('2026-03-12') },
    'replace',
    'doa_replace',
  ],
  [
    'DOA without the invoice',
    { purchaseDate: day('2026-03-10'), doa: true, hasProofOfPurchase: false, today: on('2026-03-12') },
    'replace',
    'doa_replace',
  ],
  // A repair must hold 30 days (三包), even after the warranty ended; counted like the periods.
  [
    'failed again on day 30 after the repair',
    { purchaseDate: day('2023-01-01'), lastRepair: { finishedOn: '2026-03-01' }, today: on('2026-03-31') },
    'free_repair',
    'repair_redo_30_days',
  ],
  [
    'failed again on day 31',
    {
      purchaseDate: day('2023-01-01'),
      faultyPart: 'fan',
      lastRepair: { finishedOn: '2026-03-01' },
      today: on('2026-04-01'),
    },
    'paid_repair',
    'expired',
  ],
  [
    'redo needs no purchase date',
    { lastRepair: { finishedOn: '2026-03-01' }, today: on('2026-03-10') },
    'free_repair',
    'repair_redo_30_days',
  ],
  [
    'redo without the invoice',
    { lastRepair: { finishedOn: '2026-03-01' }, hasProofOfPurchase: false, today: on('2026-03-10') },
    'free_repair',
    'repair_redo_30_days',
  ],
  [
    'dropped after the repair',
    { lastRepair: { finishedOn: '2026-03-01' }, exclusions: ['accident'], today: on('2026-03-10') },
    'paid_repair',
    'exclusion:accident',
  ],
  [
    'virus after the repair',
    { lastRepair: { finishedOn: '2026-03-01' }, exclusions: ['virus'], today: on('2026-03-10') },
    'paid_repair',
    'exclusion:virus',
  ],
];

describe('decideWarranty: exclusions, DOA and repair redo', () => {
  it.each(rows)('%s', (...row) => checkRow(row));
});
