/**
 * Errors raised by the simulator, shaped like OfficeExtension.Error (a `code` from
 * OfficeExtension.ErrorCodes and a human message) so that callers handle both alike.
 */
export type SimErrorCode =
  | "InvalidArgument"
  | "InvalidReference"
  | "ItemAlreadyExists"
  | "ItemNotFound"
  | "PropertyNotLoaded"
  | "InvalidOperation"
  /** An API outside the requirement sets the host supports (createSimHost's excelApi), as Excel reports one it lacks. */
  | "ApiNotFound"
  /**
   * Excel on the web: a request or response over the 5 MB payload limit (RichApi.Error codes,
   * "Application-specific API error handling"; the limit: "Resource limits and performance
   * optimization for Office Add-ins"). Only a host profile with payloadLimitBytes raises them.
   */
  | "RequestPayloadSizeLimitExceeded"
  | "ResponsePayloadSizeLimitExceeded"
  /** The simulator does not model this part of the API (not an Excel error). */
  | "NotImplemented";

export class SimError extends Error {
  readonly name = "SimError";
  constructor(
    readonly code: SimErrorCode,
    message: string
  ) {
    super(message);
  }
}

export function notLoaded(property: string): SimError {
  return new SimError(
    "PropertyNotLoaded",
    `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`
  );
}
