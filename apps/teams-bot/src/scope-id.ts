/**
 * A channel thread's conversation id is the channel's plus ";messageid=<thread>": scopes and
 * message links are kept per channel (or chat), where message ids are unique.
 */
export function scopeIdOf(conversationId: string): string {
  return conversationId.split(';')[0] ?? conversationId;
}
