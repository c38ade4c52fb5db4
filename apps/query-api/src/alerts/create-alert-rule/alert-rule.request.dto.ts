import { INDICATOR_NAMES, IndicatorName, LEVEL_GROUPS, LevelGroup, TargetYear } from '@app/indicators';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn, IsInt, IsNumber, IsOptional, IsString, IsUrl, Length, Max, MaxLength, Min, Validate, ValidateIf, ValidationArguments,
  ValidatorConstraint, ValidatorConstraintInterface,
} from 'class-validator';
import { planMinimum } from '../alert-condition';
import { ALERT_DIRECTIONS, ALERT_WINDOWS, AlertDirection, AlertWindow, TARGET_YEARS } from '../alert-rule';

@ValidatorConstraint({ name: 'levelOnlyForWorkfiles' })
class LevelOnlyForWorkfiles implements ValidatorConstraintInterface {
  validate(_: unknown, a: ValidationArguments): boolean {
    return (a.object as AlertRuleRequestDto).indicator === 'workfileElectronicRate';
  }
  defaultMessage(): string {
    return 'level applies to workfileElectronicRate only';
  }
}

@ValidatorConstraint({ name: 'targetWithoutThreshold' })
class TargetWithoutThreshold implements ValidatorConstraintInterface {
  validate(_: unknown, a: ValidationArguments): boolean {
    return (a.object as AlertRuleRequestDto).threshold === undefined;
  }
  defaultMessage(): string {
    return 'give either threshold or target, not both';
  }
}

@ValidatorConstraint({ name: 'planSetsTarget' })
class PlanSetsTarget implements ValidatorConstraintInterface {
  validate(target: unknown, a: ValidationArguments): boolean {
    const { indicator, level } = a.object as AlertRuleRequestDto;
    if (!(INDICATOR_NAMES as readonly unknown[]).includes(indicator) || (level !== undefined && !(LEVEL_GROUPS as readonly unknown[]).includes(level))) {
      return true; // the indicator or level is reported instead
    }
    return planMinimum(indicator, level ?? null, target as TargetYear) !== undefined;
  }
  defaultMessage(a: ValidationArguments): string {
    const { indicator, level } = a.object as AlertRuleRequestDto;
    return `the plan sets no ${String(a.value)} target for ${indicator}${level ? ` (${level})` : ''}`;
  }
}

/** `POST /v1/alerts/rules`. */
export class AlertRuleRequestDto {
  @ApiProperty({ enum: INDICATOR_NAMES, example: 'onTimeRate' })
  @IsIn(INDICATOR_NAMES)
  indicator!: IndicatorName;

  @ApiPropertyOptional({ enum: LEVEL_GROUPS, description: 'workfileElectronicRate only: watch one level group' })
  @ValidateIf((o: AlertRuleRequestDto) => o.level !== undefined)
  @IsIn(LEVEL_GROUPS) @Validate(LevelOnlyForWorkfiles)
  level?: LevelGroup;

  @ApiProperty({ example: 'QT', description: "agency code; the rule watches the agency's whole subtree" })
  @IsString() @Length(1, 128)
  agency!: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, example: 0.9, description: 'the value to compare against; or give target' })
  @ValidateIf((o: AlertRuleRequestDto) => o.threshold !== undefined || o.target === undefined)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'threshold must be a number in [0, 1] (or give target instead)' })
  @Min(0) @Max(1)
  threshold?: number;

  @ApiPropertyOptional({ enum: TARGET_YEARS, description: "compare against the plan's minimum for that year (400 when it sets none)" })
  @ValidateIf((o: AlertRuleRequestDto) => o.target !== undefined)
  @IsIn(TARGET_YEARS) @Validate(TargetWithoutThreshold) @Validate(PlanSetsTarget)
  target?: TargetYear;

  @ApiProperty({ enum: ALERT_WINDOWS, description: 'local dates (Asia/Ho_Chi_Minh) up to today: today, this month, the last 7 or 30 days' })
  @IsIn(ALERT_WINDOWS)
  window!: AlertWindow;

  @ApiProperty({ example: 'https://ops.example.vn/hooks/dossiers', description: 'receives a JSON POST on each crossing' })
  @IsString() @MaxLength(2048)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'webhookUrl must be an http or https URL' })
  webhookUrl!: string;

  @ApiPropertyOptional({ enum: ALERT_DIRECTIONS, default: 'below', description: 'breached when the value is below (or above) the threshold' })
  @IsOptional() @IsIn(ALERT_DIRECTIONS)
  direction?: AlertDirection;

  @ApiPropertyOptional({ minimum: 1, default: 1, description: 'no alert while the denominator is smaller (default 1: none without data)' })
  @IsOptional() @IsInt() @Min(1) @Max(1_000_000_000)
  minDenominator?: number;
}
