/** Flights as analysts see them: their country's flights, with travellers, bookings and alerts. */
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import type { AuditService, RequestContext } from '../access/audit.service.js';
import { canAdminister, canSeeRecord, type Principal } from '../access/policy.js';
import { alertsOfFlight } from '../alerts/alerts.repository.js';
import {
  bookingsOfFlight,
  findFlight,
  listFlights,
  travellerHistory,
  travellersOfFlight,
  type FlightFilter,
} from './flights.repository.js';
import { findMessage, listMessages, type MessageStatus, type StoredMessage } from './messages.repository.js';

/**
 * Passenger data stays with the country that received it: its analysts see its flights; coordinators see the
 * operation's figures (reporting), not other countries' passenger lists. The operator sees all.
 */
function visibleCountry(principal: Principal): string | undefined {
  return principal.kind === 'operator' ? undefined : principal.country;
}

type AlertRow = Awaited<ReturnType<typeof alertsOfFlight>>[number];

/**
 * An alert as the caller may see it. A hit on a watchlist entry whose owner has not shared it with the caller's
 * country keeps only that a record exists and whom to contact: not the entity id, nor the explanation (the entry's
 * names, birth date, nationality, document number), nor the score and the severity taken from it (each moves with
 * the entry's details, so passenger lists made up to probe it would read them off). An entry removed since the alert
 * was raised is presented as restricted, by its list's owner: whether it was shared can no longer be told.
 */
function presentAlert(principal: Principal, alert: AlertRow) {
  const view = {
    id: alert.id,
    kind: alert.kind,
    status: alert.status,
    severity: alert.severity,
    traveller_id: alert.traveller_id,
    booking_id: alert.booking_id,
    message_id: alert.message_id,
    list_id: alert.list_id,
    entity_id: alert.entity_id,
    score: alert.score,
    matcher: alert.matcher,
    rule_id: alert.rule_id,
    rule_version: alert.rule_version,
    explanation: alert.explanation,
    created_at: alert.created_at,
  };
  if (alert.kind === 'rule') return { ...view, restricted: false as const };
  const owner = alert.entry_owner_country;
  const visible =
    owner === null
      ? principal.kind === 'operator'
      : canSeeRecord(principal, { ownerCountry: owner, restrictedTo: alert.entry_restricted_to ?? [] });
  if (visible) return { ...view, restricted: false as const };
  return {
    ...view,
    // A hit on a restricted entry always calls for contacting its owner.
    severity: 'high',
    entity_id: null,
    score: null,
    explanation: [],
    restricted: true as const,
    contactCountry: owner ?? alert.list_owner_country,
  };
}

export class FlightsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  /** Flights the principal may see; an operator may narrow them to one country. */
  list(principal: Principal, filter: FlightFilter) {
    return listFlights(this.db, { ...filter, country: visibleCountry(principal) ?? filter.country });
  }

  /** One flight with its travellers, bookings and alerts; the view is audited (it shows people). */
  async get(principal: Principal, id: string, context: RequestContext) {
    const flight = await findFlight(this.db, id);
    const country = visibleCountry(principal);
    if (flight === undefined || (country !== undefined && flight.ownerCountry !== country))
      throw new AppError('resource.not_found', 'not found');
    const [travellers, bookings, alerts] = await Promise.all([
      travellersOfFlight(this.db, id),
      bookingsOfFlight(this.db, id),
      alertsOfFlight(this.db, id),
    ]);
    await this.audit.record(
      principal,
      {
        action: 'flight.view',
        subject: { type: 'flight', id, country: flight.ownerCountry },
        details: { travellers: travellers.length },
      },
      context,
    );
    return { flight, travellers, bookings, alerts: alerts.map((a) => presentAlert(principal, a)) };
  }

  /** A traveller's appearances across the country's flights. */
  async history(principal: Principal, flightId: string, travellerId: string, context: RequestContext) {
    const { flight, travellers } = await this.get(principal, flightId, context);
    const traveller = travellers.find((t) => t.id === travellerId);
    if (traveller === undefined) throw new AppError('resource.not_found', 'not found');
    await this.audit.record(
      principal,
      { action: 'traveller.view', subject: { type: 'traveller', id: travellerId, country: flight.ownerCountry } },
      context,
    );
    return { traveller, appearances: await travellerHistory(this.db, traveller, visibleCountry(principal)) };
  }

  /** A received message's state; another country's message is "not found". */
  async message(principal: Principal, id: string): Promise<StoredMessage> {
    const message = await findMessage(this.db, id);
    if (message === undefined || !canAdminister(principal, message.ownerCountry))
      throw new AppError('resource.not_found', 'not found');
    return message;
  }

  messages(principal: Principal, status: MessageStatus | undefined, limit: number) {
    return listMessages(this.db, principal.country, status, limit);
  }
}
