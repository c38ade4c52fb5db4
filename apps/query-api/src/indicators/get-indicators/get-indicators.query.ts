export class GetIndicatorsQuery {
  constructor(
    public readonly agency: string,
    public readonly from: string,
    public readonly to: string,
    public readonly nowMs: number,
  ) {}
}
