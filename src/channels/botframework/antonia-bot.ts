import {
  ActivityHandler,
  ActivityTypes,
  EventFactory,
  MessageFactory,
  type Activity,
  type CardAction,
  type TurnContext,
} from 'botbuilder';
import type { ConversationStore } from '../../conversations/conversation-store.js';
import type { Message } from '../../protocol/message.js';
import type { DialogueEngine } from '../../dialogue/dialogue-contract.js';
import { LangSchema, type Lang } from '../../language.js';

export interface AntoniaBotOptions {
  dialogue: DialogueEngine;
  conversations: ConversationStore;
}

/**
 * ANTONIA as a Bot Framework bot (Teams, Direct Line / Web Chat, the Emulator): every message goes to the
 * same dialogue engine as the web chat and the REST API. A Bot Framework conversation maps to one
 * ANTONIA conversation through its external id.
 */
export class AntoniaBot extends ActivityHandler {
  constructor(private readonly options: AntoniaBotOptions) {
    super();
    this.onMessage(async (context, next) => {
      await this.answer(context);
      await next();
    });
  }

  private async answer(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const engine = this.options.dialogue;
    const action = readCardAction(activity.value);
    const text =
      typeof activity.text === 'string' && activity.text.trim()
        ? activity.text.trim().slice(0, 2_000)
        : undefined;
    if (!action && !text) return; // An attachment or an empty message: nothing to answer.
    const uiLang = langOf(activity.locale);
    const conversationId = await this.conversationFor(activity, uiLang);
    const result = await engine.handle(conversationId, {
      ...(action ? { action } : { text }),
      // Channels redeliver an activity with the same id: answered once.
      clientMsgId: activity.id ? `bf:${activity.id}`.slice(0, 100) : undefined,
      uiLang,
    });
    const replies = result.messages.filter((message) => message.from !== 'citizen');
    if (replies.length > 0) await context.sendActivities(replies.map(toActivity));
    const view = result.handoff;
    if (
      result.status === 'handoff_requested' &&
      view &&
      (view.status === 'waiting' || view.status === 'with_clerk')
    ) {
      // The Bot Framework handoff protocol: channels with an agent hub (e.g. Omnichannel) take over here.
      const transcript = {
        activities: result.messages.map((message) => toTranscriptActivity(message, activity)),
      };
      await context.sendActivity(
        EventFactory.createHandoffInitiation(
          context,
          {
            conversationId,
            department: view.department,
            position: view.position,
            lang: result.messages[0]?.lang,
          },
          transcript,
        ),
      );
    }
  }

  private async conversationFor(activity: Activity, lang: Lang | undefined): Promise<string> {
    const { conversations, dialogue } = this.options;
    const externalId = `${activity.channelId}:${activity.conversation.id}`.slice(0, 500);
    const existing = await conversations.findByExternalId('botframework', externalId);
    if (existing) return existing.id;
    try {
      const { conversation } = await dialogue.startConversation({
        channel: 'botframework',
        externalId,
        lang,
      });
      return conversation.id;
    } catch (error) {
      // Two first messages at once: the other one created it (unique external id).
      const created = await conversations.findByExternalId('botframework', externalId);
      if (created) return created.id;
      throw error;
    }
  }
}

/** Quick replies come back as `value: {action}` (messageBack), so typed text is never mistaken for one. */
function readCardAction(value: unknown): string | undefined {
  if (value && typeof value === 'object' && 'action' in value) {
    const action = (value as { action: unknown }).action;
    if (typeof action === 'string' && action.length > 0 && action.length <= 200) return action;
  }
  return undefined;
}

function langOf(locale: string | undefined): Lang | undefined {
  const parsed = LangSchema.safeParse(locale?.slice(0, 2).toLowerCase());
  return parsed.success ? parsed.data : undefined;
}

function toActivity(message: Message): Partial<Activity> {
  const activity: Partial<Activity> =
    message.suggestions.length > 0
      ? MessageFactory.suggestedActions(
          message.suggestions.map((suggestion): CardAction => ({
            type: 'messageBack',
            title: suggestion.label,
            text: suggestion.label,
            displayText: suggestion.label,
            value: { action: suggestion.value },
          })),
          message.text,
        )
      : MessageFactory.text(message.text);
  // Plain text: nothing in a message (knowledge base content, a clerk's words) is rendered as markup.
  activity.textFormat = 'plain';
  activity.locale = message.lang;
  return activity;
}

function toTranscriptActivity(message: Message, incoming: Activity): Activity {
  const fromCitizen = message.from === 'citizen';
  return {
    type: ActivityTypes.Message,
    id: String(message.seq),
    text: message.text,
    timestamp: new Date(message.createdAt),
    channelId: incoming.channelId,
    conversation: incoming.conversation,
    from: fromCitizen ? incoming.from : incoming.recipient,
    recipient: fromCitizen ? incoming.recipient : incoming.from,
    serviceUrl: incoming.serviceUrl,
  } as Activity;
}
