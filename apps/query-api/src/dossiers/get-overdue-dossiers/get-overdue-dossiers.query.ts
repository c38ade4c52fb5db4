export class GetOverdueDossiersQuery {
  constructor(
    public readonly agency: string,
    public readonly page: number,
    public readonly pageSize: number,
    public readonly nowMs: number,
  ) {}
}
