export class GetStatusQuery {}
