/**
 * The dashboard's static files (public/: HTML, vanilla JS, CSS; no build step), read once at start.
 * `nest build` copies public/ next to the bundle (nest-cli.json `assets`), so the built app finds them under
 * dist/apps/query-api/dashboard/public; run from source they sit beside this file.
 */
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DashboardAsset {
  body: Buffer;
  contentType: string;
  etag: string;
}

const FILES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'dashboard.js': 'text/javascript; charset=utf-8',
  'dashboard.css': 'text/css; charset=utf-8',
};

@Injectable()
export class DashboardAssets {
  private readonly assets = new Map<string, DashboardAsset>();

  constructor() {
    const dir = [join(__dirname, 'dashboard', 'public'), join(__dirname, 'public')].find((d) => existsSync(join(d, 'index.html')));
    if (!dir) throw new Error(`the dashboard's files are missing beside ${__dirname}: build with \`npm run build\``);
    for (const [name, contentType] of Object.entries(FILES)) {
      const body = readFileSync(join(dir, name));
      this.assets.set(name, { body, contentType, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` });
    }
  }

  get(name: string): DashboardAsset | undefined {
    return this.assets.get(name);
  }
}
