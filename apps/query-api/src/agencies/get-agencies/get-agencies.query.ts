export class GetAgenciesQuery {}
