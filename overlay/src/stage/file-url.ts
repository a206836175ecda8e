/** A public asset's file at one of its sizes (`112x112`): the API client's `publicFileUrl`. */
export type FileUrl = (assetId: string, size: string) => string;
