/** What the live stream brings to the query module. */
import { ProjectionsListener } from './projections-listener';
import { SnapshotReader } from './snapshot';
import { SnapshotHub } from './snapshot-hub';
import { StreamController } from './stream.controller';

export const streamControllers = [StreamController];
export const streamServices = [ProjectionsListener, SnapshotReader, SnapshotHub];
