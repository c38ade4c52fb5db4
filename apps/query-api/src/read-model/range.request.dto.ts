import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Validate, ValidatorConstraint, ValidatorConstraintInterface, ValidationArguments } from 'class-validator';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (v: unknown): v is string =>
  typeof v === 'string' && ISO_DATE.test(v) && v >= '0001-01-01' && !Number.isNaN(Date.parse(v)) && new Date(v).toISOString().slice(0, 10) === v;

@ValidatorConstraint({ name: 'isLocalDate' })
class IsLocalDate implements ValidatorConstraintInterface {
  validate(v: unknown): boolean {
    return isDate(v);
  }
  defaultMessage(a: ValidationArguments): string {
    return `${a.property} must be a calendar date YYYY-MM-DD`;
  }
}

@ValidatorConstraint({ name: 'notBeforeFrom' })
class NotBeforeFrom implements ValidatorConstraintInterface {
  validate(to: unknown, a: ValidationArguments): boolean {
    const from = (a.object as { from?: unknown }).from;
    return !isDate(from) || !isDate(to) || from <= to;
  }
  defaultMessage(): string {
    return 'to must not be before from';
  }
}

/** `agency`, `from`, `to`: an agency subtree and an inclusive range of local dates (Asia/Ho_Chi_Minh). */
export class AgencyRangeRequestDto {
  @ApiProperty({ example: 'QT', description: 'agency code; the query covers its whole subtree' })
  @IsString() @Length(1, 128)
  agency!: string;

  @ApiProperty({ example: '2026-01-01', description: 'first local date, inclusive' })
  @Validate(IsLocalDate)
  from!: string;

  @ApiProperty({ example: '2026-03-31', description: 'last local date, inclusive' })
  @Validate(IsLocalDate) @Validate(NotBeforeFrom)
  to!: string;
}
