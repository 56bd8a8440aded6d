/** The bearer token the integration tests configure as ALERTMANAGER_TOKEN. */
export const ALERTMANAGER_TOKEN = 'alertmanager-token-for-tests';

/** Alertmanager's webhook (payload version 4), as a real Alertmanager posts it. */
export function alertmanager(url: string, groupKey: string, status: 'firing' | 'resolved', labels: Record<string, string>, annotations: Record<string, string>, token = ALERTMANAGER_TOKEN) {
  return fetch(`${url}/api/alerts/alertmanager`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      version: '4', groupKey, status, receiver: 'tugibot', groupLabels: { alertname: labels.alertname }, commonLabels: labels, commonAnnotations: annotations, externalURL: 'http://alertmanager:9093',
      alerts: [{ status, labels, annotations, startsAt: '2026-12-07T08:05:00Z', endsAt: '0001-01-01T00:00:00Z', generatorURL: 'http://prometheus:9090/graph', fingerprint: 'abc' }],
    }),
  });
}
