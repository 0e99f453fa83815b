import { asKnowhowError, type KnowhowError } from '../errors.js';

/**
 * The short reason a chat user and the logs see for a failure: the platform's own words for
 * its API's failures (`slack_rate_limited`, `slack_not_in_channel`, `teams_http_403`), the
 * code for everything else (`database_unavailable`, `internal_error`).
 */
export function platformReason(platform: string, error: KnowhowError): string {
  switch (error.code) {
    case 'platform_rate_limited':
      return `${platform}_rate_limited`;
    case 'platform_unreachable':
      return `${platform}_${error.detail ?? 'unreachable'}`;
    case 'platform_refused':
      return `${platform}_${error.detail ?? 'error'}`;
    default:
      return error.code;
  }
}

/** A platform's share of the error vocabulary: how it tags its errors and words failures. */
export interface PlatformVocabulary {
  readonly classify: (error: unknown) => KnowhowError | undefined;
  readonly reasonFor: (error: KnowhowError) => string;
  /** The word for any thrown value: tagged by `classify`, else its code. */
  readonly reasonOf: (error: unknown) => string;
}

export function platformVocabulary(
  platform: string,
  classify: (error: unknown) => KnowhowError | undefined,
): PlatformVocabulary {
  const reasonFor = (error: KnowhowError) => platformReason(platform, error);
  return { classify, reasonFor, reasonOf: (error) => reasonFor(asKnowhowError(error, classify)) };
}
