import type { FeedbackInput, KnowhowErrorCode } from '@knowhow/rag-core';

/** The chat platforms a bot host runs; each is also the prefix of its bot's event names. */
export type ChatPlatform = 'slack' | 'teams';

/** Failures the user is told about, with the reference they are logged under. */
export type ReportedFailure =
  | { type: 'slack.share_failed' | 'slack.feedback_failed' | 'teams.feedback_failed'; user: string }
  | { type: 'teams.turn_failed'; conversation: string; activity: string };

/** A start, with how the bot connects (Slack) or authenticates (Teams). */
export interface StartedEvent {
  type: `${ChatPlatform}.started`;
  port: number | undefined;
  mode?: 'socket' | 'http';
  auth?: 'app' | 'anonymous';
}

/**
 * What the chat bots report beside the lifecycle's `conversation.*` events, every name
 * declared here once: ids, counts and reasons, never a message's text. An event logged with
 * an error also carries the platform's word for it (`reason`); at error level, the error.
 */
export type BotEvent =
  // Every bot's host.
  | StartedEvent
  | { type: `${ChatPlatform}.stopping`; inFlight: number }
  | { type: `${ChatPlatform}.stopped`; abandoned: number }
  | { type: `${ChatPlatform}.forgotten`; events: number; turns: number }
  | { type: `${ChatPlatform}.cleanup_failed` }
  | {
      type: `${ChatPlatform}.feedback` | `${ChatPlatform}.feedback_for_unknown_answer`;
      /** Absent: no answer is linked to the message the verdict was given on. */
      answerId?: string;
      user: string;
      verdict: FeedbackInput['verdict'];
      saved: boolean;
      comment: boolean;
    }
  | { type: `${ChatPlatform}.failure_report_failed`; reference: string }
  | {
      type: 'platform.call_retried';
      platform: ChatPlatform;
      code: KnowhowErrorCode;
      waitMs: number;
    }
  | (ReportedFailure & { reference: string })
  // Slack: the Socket Mode connection, courtesies that failed (the answer is still given).
  | { type: 'slack.connected' | 'slack.reconnecting' | 'slack.disconnected' }
  | { type: 'slack.unhandled_error' | 'slack.suggested_prompts_failed' }
  | {
      type:
        | 'slack.status_unavailable'
        | 'slack.stream_unavailable'
        | 'slack.stream_append_failed'
        | 'slack.stream_stop_failed'
        | 'slack.progress_update_failed'
        | 'slack.ephemeral_fallback';
      channel: string;
    }
  | { type: 'slack.click_note_failed'; user: string }
  | { type: 'slack.shared'; answerId: string; user: string }
  // Teams: courtesies that failed, refused requests, warnings at start.
  | {
      type:
        | 'teams.typing_failed'
        | 'teams.stream_update_failed'
        | 'teams.stream_unavailable'
        | 'teams.continue_failed';
      conversation: string;
      user: string;
      activityId?: string | null;
    }
  | { type: 'teams.tenant_refused'; tenant?: string | null; activity: string }
  | { type: 'teams.welcomed'; conversation: string }
  | { type: 'teams.unauthorized_request'; status: number; problem: string }
  | { type: 'teams.token_check_unavailable'; status: number }
  | { type: 'teams.request_failed' }
  | { type: 'teams.anonymous' | 'teams.any_tenant'; note: string };
