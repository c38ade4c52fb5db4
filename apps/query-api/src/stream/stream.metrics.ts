/** The live stream's gauges, on the process's one Prometheus registry. */
import { registry } from '@app/platform';
import { Gauge } from 'prom-client';

export const streamClients = new Gauge({ name: 'stream_clients', help: 'Open /v1/stream connections', registers: [registry] });

export const streamAgencies = new Gauge({ name: 'stream_agencies', help: 'Agencies whose live snapshot is kept (those with stream clients)', registers: [registry] });
