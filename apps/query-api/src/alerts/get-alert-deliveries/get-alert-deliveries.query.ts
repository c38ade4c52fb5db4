export class GetAlertDeliveriesQuery {
  constructor(public readonly ruleId: string) {}
}
