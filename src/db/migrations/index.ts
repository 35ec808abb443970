/**
 * Every migration, in order. Versioned and forward-only: a migration is never edited or removed once
 * released, and has no `down`; a change to the schema is a new file here. Names sort in the order they
 * run (Kysely checks that the applied ones are a prefix of this list).
 */
import type { Migration } from 'kysely';
import * as theRecord from './0001-the-record.js';
import * as findingCases from './0002-finding-cases.js';
import * as groupsAndReviews from './0004-groups-and-reviews.js';

export const migrations: Readonly<Record<string, Migration>> = {
  '0001-the-record': theRecord,
  '0002-finding-cases': findingCases,
  '0004-groups-and-reviews': groupsAndReviews,
};
