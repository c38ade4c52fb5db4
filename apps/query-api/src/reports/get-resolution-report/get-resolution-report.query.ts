export class GetResolutionReportQuery {
  constructor(
    public readonly agency: string,
    public readonly from: string,
    public readonly to: string,
    public readonly children: boolean,
    public readonly nowMs: number,
  ) {}
}
