/**
 * Where a search result opens, in the app's own addresses (app/router.ts): a procedure, a step
 * selected in its procedure (`<procedure>~<step>`, as ProceduresScreen reads it), a contact (a
 * channel opens its contact), an incident, a log entry in its incident's timeline (`<incident>~<entry>`, as
 * IncidentsScreen reads it).
 */
import type { SearchHitView } from '../../../../shared/search/results';
import { routeHref } from '../../app/router';

export function hitHref(hit: Pick<SearchHitView, 'kind' | 'recordId' | 'partId' | 'incidentId'>): string {
  switch (hit.kind) {
    case 'procedure':
      return routeHref('procedures', hit.recordId);
    case 'step':
      return routeHref('procedures', hit.partId ? `${hit.recordId}~${hit.partId}` : hit.recordId);
    case 'contact':
    case 'channel':
      return routeHref('contacts', hit.recordId);
    case 'incident':
      return routeHref('incidents', hit.recordId);
    case 'logEntry':
      return routeHref('incidents', hit.incidentId ? `${hit.incidentId}~${hit.recordId}` : null);
  }
}
