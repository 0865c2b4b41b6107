/** Flights as analysts see them: their country's flights, with travellers, bookings and alerts. */
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import type { AuditService, RequestContext } from '../access/audit.service.js';
import { canAdminister, type Principal } from '../access/policy.js';
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
    return { flight, travellers, bookings, alerts };
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
