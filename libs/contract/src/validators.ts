import { ValidateBy, ValidationOptions, buildMessage } from 'class-validator';
import { isRfc3339 } from './rfc3339';

/** An RFC 3339 timestamp with an explicit offset. */
export function IsTimestamp(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTimestamp',
      validator: {
        validate: (value) => isRfc3339(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be an RFC 3339 timestamp with an offset (e.g. 2026-03-01T08:30:00+07:00)`,
          options,
        ),
      },
    },
    options,
  );
}

/** The field may be present only when `condition` holds on the object (e.g. onlineLevel only for online channels). */
export function OnlyWhen(condition: (o: any) => boolean, description: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'onlyWhen',
      validator: {
        validate: (_value, args) => condition(args?.object),
        defaultMessage: buildMessage(() => `$property is allowed only when ${description}`, options),
      },
    },
    options,
  );
}
