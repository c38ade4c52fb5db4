import { InitialSchema1764230000000 } from './1764230000000-initial-schema';
import { DrillDown1764400000000 } from './1764400000000-drill-down';
import { CounterStorage1764300000000 } from './1764300000000-counter-storage';
import { Alerts1764500000000 } from './1764500000000-alerts';
import { Rebuilds1764600000000 } from './1764600000000-rebuilds';

/** Every migration, oldest first. A schema change is a new file here, never an edit of an applied one. */
export const MIGRATIONS = [InitialSchema1764230000000, CounterStorage1764300000000, DrillDown1764400000000, Alerts1764500000000, Rebuilds1764600000000];
