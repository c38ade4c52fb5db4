import { InitialSchema1764230000000 } from './1764230000000-initial-schema';

/** Every migration, oldest first. A schema change is a new file here, never an edit of an applied one. */
export const MIGRATIONS = [InitialSchema1764230000000];
