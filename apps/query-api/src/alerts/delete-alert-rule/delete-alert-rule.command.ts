export class DeleteAlertRuleCommand {
  constructor(public readonly id: string) {}
}
