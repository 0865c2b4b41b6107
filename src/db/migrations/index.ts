/**
 * Every migration, in order. A static list (not a directory scan) so the same code runs from `src/` under tsx and
 * from the compiled `dist/`, and so a migration can never be skipped by a missing file.
 */
import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.js';
import * as m0002 from './0002_access.js';
import * as m0003 from './0003_watchlists.js';
import * as m0004 from './0004_travel.js';
import * as m0005 from './0005_rules.js';
import * as m0006 from './0006_traveller_links.js';
import * as m0007 from './0007_message_order.js';
import * as m0008 from './0008_alert_withdrawal.js';
import * as m0009 from './0009_links_on_read.js';
import * as m0010 from './0010_audit_head.js';
import * as m0011 from './0011_audit_append.js';
import * as m0012 from './0012_flight_schedule_order.js';
import * as m0013 from './0013_rule_owner.js';
import * as m0014 from './0014_message_flights.js';
import * as m0015 from './0015_change_transactions.js';
import * as m0016 from './0016_audit_checkpoint_chain.js';

export const migrations: Readonly<Record<string, Migration>> = {
  '0001_foundation': m0001,
  '0002_access': m0002,
  '0003_watchlists': m0003,
  '0004_travel': m0004,
  '0005_rules': m0005,
  '0006_traveller_links': m0006,
  '0007_message_order': m0007,
  '0008_alert_withdrawal': m0008,
  '0009_links_on_read': m0009,
  '0010_audit_head': m0010,
  '0011_audit_append': m0011,
  '0012_flight_schedule_order': m0012,
  '0013_rule_owner': m0013,
  '0014_message_flights': m0014,
  '0015_change_transactions': m0015,
  '0016_audit_checkpoint_chain': m0016,
};
