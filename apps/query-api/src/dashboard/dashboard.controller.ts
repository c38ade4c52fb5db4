/** `GET /dashboard`: the ops web page, and its script and style sheet. No key here: the page asks for one. */
import { Controller, Get, Headers, NotFoundException, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DashboardAsset, DashboardAssets } from './dashboard-assets';

/** Only this origin's own files and API; no inline script or style, no framing, no referrer leaving the page. */
const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

@ApiExcludeController()
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly assets: DashboardAssets) {}

  @Get()
  page(@Req() req: Request, @Headers('if-none-match') ifNoneMatch: string | undefined, @Res() res: Response): void {
    // The page's links are relative (proxies may mount the API under a prefix): serve it without a trailing slash.
    if (req.path.endsWith('/')) return res.redirect(301, '../dashboard');
    this.send(this.assets.get('index.html')!, ifNoneMatch, res);
  }

  @Get(':file')
  file(@Param('file') file: string, @Headers('if-none-match') ifNoneMatch: string | undefined, @Res() res: Response): void {
    const asset = file === 'index.html' ? undefined : this.assets.get(file);
    if (!asset) throw new NotFoundException({ error: 'not_found', message: `no such dashboard file: ${file}` });
    this.send(asset, ifNoneMatch, res);
  }

  private send(asset: DashboardAsset, ifNoneMatch: string | undefined, res: Response): void {
    res.set({ ...SECURITY_HEADERS, 'Cache-Control': 'no-cache', ETag: asset.etag });
    if (ifNoneMatch === asset.etag) {
      res.status(304).end();
      return;
    }
    res.status(200).type(asset.contentType).send(asset.body);
  }
}
