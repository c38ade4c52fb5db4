export class GetAlertRulesQuery {}
