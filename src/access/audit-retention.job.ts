/** `audit.retention`: once a day, remove audit entries older than the retention period (never younger than 180 days). */
import type { JobDefinition } from '../jobs/queue.js';
import type { AuditService } from './audit.service.js';

export const auditRetentionJobName = 'audit.retention';

export function auditRetentionJob(audit: AuditService, retentionDays: number): JobDefinition<object> {
  return {
    name: auditRetentionJobName,
    retryLimit: 3,
    retryDelaySeconds: 60,
    expireInSeconds: 3600,
    async run() {
      const { removed, head } = await audit.purge(retentionDays);
      await audit.record(
        { kind: 'operator', id: 'system:retention', name: 'retention job', country: undefined },
        // The head it saw, on the record: verify checks that it is still there (audit.ts).
        { action: 'audit.purge', details: { removed, retentionDays, head } },
        { ip: null, requestId: null },
      );
    },
  };
}
