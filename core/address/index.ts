/**
 * The ticket's answer for one address (issue 16): what happened to each message, the headline
 * beside the status badge, and what to do. Pure functions over the address's story.
 */
import type { AddressAnswer, Lang, MessageVerdict, SuggestedAction } from '../contract';
import type { DeliveryEvent } from '../model/event';
import type { Period } from '../model/status';
import { adviseActions, caveatsFor, type ActionFacts } from './actions';
import { messageVerdicts } from './messages';
import { answerOf, summarize } from './words';

export { ACTIONS, CAVEATS, adviseActions, caveatsFor, type ActionFacts, type ActionRow } from './actions';
export { messageVerdicts, REFUSAL_SIDE, SUPPRESSION_LAYERS } from './messages';
export { WORDS, answerOf, fill, oneLine } from './words';
export { formatDateTime, formatDay, formatDuration } from './dates';
export { providerOf, blockListCodeIn, helpUrlIn } from './providers';

export interface TicketAnswer {
  messages: MessageVerdict[];
  answer: AddressAnswer;
  actions: SuggestedAction[];
  caveats: SuggestedAction[];
}

export function ticketAnswer(
  input: { events: readonly DeliveryEvent[]; periods: readonly Period[]; excusedBounceTimes?: readonly string[] } & Omit<ActionFacts, 'messages'>,
  lang: Lang,
  timeZone: string,
): TicketAnswer {
  const facts = messageVerdicts(input.events, input.periods, input.excusedBounceTimes);
  const messages: MessageVerdict[] = facts.map((f) => {
    f.message.summary = summarize(f, input.events, lang, timeZone);
    return f.message;
  });
  const actionFacts: ActionFacts = { ...input, messages };
  return {
    messages,
    answer: answerOf(messages, lang, timeZone, input.domain),
    actions: adviseActions(actionFacts, lang, timeZone),
    caveats: caveatsFor(actionFacts, lang, timeZone),
  };
}
