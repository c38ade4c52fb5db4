export class GetAlertRuleQuery {
  constructor(public readonly id: string) {}
}
