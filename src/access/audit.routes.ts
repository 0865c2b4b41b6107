/** The audit log, for auditors: search it, verify its chain. */
import { Type } from 'typebox';
import type { App } from '../http/app.js';
import { errorResponses } from '../http/errors.js';
import { principalOf, requestContext } from '../http/auth.js';
import type { Services } from '../services.js';
import { AuditQuery, AuditVerifyView, presentAuditEntry } from './access.schema.js';
import { requireCountry } from './users.service.js';

const errors = errorResponses(400, 401, 403);

export function auditRoutes(app: App, services: Services): void {
  app.get(
    '/api/audit',
    {
      config: { access: { permission: 'audit.read' } },
      schema: {
        tags: ['audit'],
        summary: "Search the audit log (entries about the caller's country), newest first",
        querystring: AuditQuery,
        response: { 200: Type.Object({ entries: Type.Array(Type.Ref('AuditEntry')) }), ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      const principal = principalOf(request);
      const entries = await services.audit.search(principal, {
        actorId: q.actor,
        // Entries store canonical codes (FRA): FR, fra and ICAO codes find them too; an unknown code is a 400.
        country: q.country === undefined ? undefined : requireCountry(q.country, 'querystring.country'),
        action: q.action,
        subjectType: q.subjectType,
        subjectId: q.subject,
        from: q.from === undefined ? undefined : new Date(q.from),
        to: q.to === undefined ? undefined : new Date(q.to),
        beforeSeq: q.before,
        limit: q.limit ?? 100,
      });
      // Reading the audit log is itself audited.
      await services.audit.record(
        principal,
        { action: 'audit.search', details: { query: { ...q }, results: entries.length } },
        requestContext(request),
      );
      return { entries: entries.map(presentAuditEntry) };
    },
  );

  app.get(
    '/api/audit/verify',
    {
      config: { access: { permission: 'audit.read' } },
      schema: {
        tags: ['audit'],
        summary: 'Verify the hash chain; names the first broken entry',
        response: { 200: AuditVerifyView, ...errors },
      },
    },
    async (request) => {
      const result = await services.audit.verify();
      await services.audit.record(
        principalOf(request),
        { action: 'audit.verify', details: { ok: result.ok, entries: result.entries, head: result.head } },
        requestContext(request),
      );
      return { ok: result.ok, entries: result.entries, head: result.head, firstBroken: result.firstBroken ?? null };
    },
  );
}
