/**
 * The catalogue check each per-response finding belongs to, so the inspector, the runner's observation
 * checks and the reports name one rule with one id (reference/conformance-checks.md).
 */
export const CHECK_OF_CODE: Readonly<Record<string, string>> = {
  // HTTP and media type
  contentTypeMissing: 'H01',
  contentTypeJson: 'H01',
  contentTypeNotScim: 'H01',
  // create, delete, ETag
  createNot201: 'C01',
  locationHeaderMissing: 'C02',
  locationMismatch: 'C02',
  deleteNot204: 'L01',
  etagMismatch: 'E02',
  versionMissing: 'E02',
  // errors
  errorNotScim: 'Er10',
  missingErrorSchema: 'Er01',
  statusMissing: 'Er01',
  statusNotString: 'Er01',
  invalidStatus: 'Er01',
  detailMissing: 'Er01',
  statusMismatch: 'Er02',
  errorWithSuccessStatus: 'Er02',
  errorBodyOnSuccess: 'Er02',
  unknownScimType: 'Er04',
  scimTypeStatusMismatch: 'Er04',
  filterErrorScimType: 'Er05',
  wwwAuthenticateMissing: 'Sec03',
  filterAnswered404: 'F02',
  // resources
  missingSchemas: 'R01',
  invalidSchemas: 'R01',
  missingBaseSchema: 'R01',
  unknownResourceType: 'R01',
  missingId: 'R02',
  reservedId: 'R02',
  metaNotObject: 'R03',
  metaResourceTypeMissing: 'R03',
  invalidDateTime: 'R04',
  dateTimeWithoutZone: 'R04',
  modifiedBeforeCreated: 'R04',
  locationNotAbsolute: 'R05',
  locationIdMismatch: 'R05',
  metaResourceTypeMismatch: 'R06',
  extensionNotListed: 'R07',
  unknownSchema: 'R07',
  wrongType: 'R08',
  stringBoolean: 'R09',
  notMultiValued: 'R10',
  notSingleValued: 'R10',
  multiplePrimary: 'R11',
  missingRequired: 'R12',
  missingRequiredExtension: 'R12',
  valueMissing: 'R12',
  returnedNever: 'R13',
  duplicateAttribute: 'R14',
  relativeExternalReference: 'R16',
  notBase64: 'R16',
  unknownAttribute: 'D22',
  // lists and paging
  tooManyResources: 'P01',
  startIndexMismatch: 'P02',
  notInteger: 'P03',
  itemsPerPageMismatch: 'P04',
  cursorNotString: 'K07',
  cursorReservedCharacters: 'K06',
  previousCursorOnFirstPage: 'K04',
};

export function checkIdOf(code: string): string | undefined {
  return CHECK_OF_CODE[code];
}
