import type { IndicatorName, LevelGroup, TargetYear } from '@app/indicators';
import type { AlertDirection, AlertWindow } from '../alert-rule';

export class CreateAlertRuleCommand {
  constructor(
    public readonly indicator: IndicatorName,
    public readonly level: LevelGroup | null,
    public readonly agency: string,
    public readonly threshold: number | null,
    public readonly target: TargetYear | null,
    public readonly window: AlertWindow,
    public readonly direction: AlertDirection,
    public readonly minDenominator: number,
    public readonly webhookUrl: string,
  ) {}
}
