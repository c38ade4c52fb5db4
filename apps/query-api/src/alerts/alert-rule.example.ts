/** A rule as the API shows it, for the OpenAPI document. */
export const ALERT_RULE_EXAMPLE = {
  id: '0b7f4e44-2f0e-4d3b-9a51-6f1e2a0c9d11', indicator: 'onTimeRate', agency: 'QT', threshold: 0.9, window: 'today',
  direction: 'below', minDenominator: 20, webhookUrl: 'https://ops.example.vn/hooks/dossiers',
  createdAt: '2026-11-27T09:00:00.000Z', state: 'ok', stateChangedAt: null,
};
